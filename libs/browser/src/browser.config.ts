import { ConfigException, ConfigExceptionCode } from '@webbyflow/common';
import { z } from 'zod';

const ms = (fallback: number) => z.number().int().positive().default(fallback);

/** Settings of the browser domain; browser-svc maps its environment onto this (STYLE.md §9). */
export const BrowserConfigSchema = z.object({
  /** Chromium binary; Debian's `chromium` package by default. */
  executablePath: z.string().min(1).default('/usr/bin/chromium'),
  headless: z.boolean().default(true),
  /** Chromium flags added after the fixed ones (tests add `--host-resolver-rules=…`). */
  extraArgs: z.array(z.string().min(1)).default([]),
  /** Most browser contexts (runs) alive at once in this process. */
  maxContexts: z.number().int().min(1).max(64).default(4),
  /**
   * Keep one context with its first page opened ahead, for the next session with the default context settings
   * (no viewport, locale, timezone, user agent, proxy, headers, profile or blocking of its own): opening a
   * page costs Chromium ~100–150 ms, which that session then does not wait for.
   */
  spareContext: z.boolean().default(true),
  /**
   * Start the next scrape right after a session opens and after each action command, while the result and the
   * next command travel; a scrape asked for soon after takes it when the DOM has not changed since.
   */
  readAhead: z.boolean().default(true),
  /** Relaunch Chromium, once no session is open, after this many contexts; 0 never. */
  recycleAfterContexts: z.number().int().min(0).default(200),
  launchTimeoutMs: ms(30_000),
  navigationTimeoutMs: ms(30_000),
  /** Deadline of one element action (click, fill, select, check, scroll). */
  actionTimeoutMs: ms(10_000),
  /** Longest wait, after an action, for the network to go quiet. */
  settleTimeoutMs: ms(3_000),
  /** How long the network and the DOM must stay quiet to count as settled. */
  settleQuietMs: ms(150),
  /**
   * After typing into a field, choosing, checking, hovering or scrolling: a page that shows no request, no
   * navigation and no DOM change this long after the action counts as settled without the quiet period.
   */
  settleGraceMs: ms(40),
  scrapeTimeoutMs: ms(15_000),
  /** Cap on elements listed per scrape. */
  maxElements: z.number().int().min(1).max(50_000).default(400),
  /** Cap on the visible text returned per scrape. */
  maxTextChars: z.number().int().min(100).max(200_000).default(20_000),
  viewport: z
    .object({ width: z.number().int().min(200), height: z.number().int().min(200) })
    .default({ width: 1280, height: 800 }),
  screenshotType: z.enum(['png', 'jpeg']).default('jpeg'),
  /** JPEG quality, 1–100. */
  screenshotQuality: z.number().int().min(1).max(100).default(70),
  /** Largest file a page may download into the artifact store; a bigger one is reported as failed, not stored. */
  maxDownloadBytes: z
    .number()
    .int()
    .min(1)
    .default(50 * 1024 * 1024),
  /** Longest wait, after an action, for the downloads it started to finish and be stored. */
  downloadTimeoutMs: ms(30_000),
  /** Full-page screenshots stop at this height in CSS pixels (a feed can be endless). */
  maxFullPageHeight: z.number().int().min(500).max(100_000).default(10_000),
  /** Token budget (o200k_base) of the element list plus page text sent to the planner, unless a task sets one. */
  treeTokenBudget: z.number().int().min(500).max(200_000).default(10_000),
});
export type BrowserConfig = z.output<typeof BrowserConfigSchema>;
export type BrowserConfigInput = z.input<typeof BrowserConfigSchema>;

/** Validates a config object and fills defaults; fails with every bad field named. */
export function resolveBrowserConfig(input: BrowserConfigInput = {}): BrowserConfig {
  const parsed = BrowserConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigException(ConfigExceptionCode.INVALID, `Invalid browser configuration:\n${lines.join('\n')}`);
}

import { hostname } from 'node:os';
import { artifactClientConfigSchema } from '@webbyflow/artifact-client';
import { resolveBrowserConfig, type BrowserConfig } from '@webbyflow/browser';
import { envBoolean, loadConfig } from '@webbyflow/common';
import { messagingConfigSchema } from '@webbyflow/messaging';
import { runtimeConfigSchema } from '@webbyflow/runtime';
import { z } from 'zod';
import { splitChromiumArgs } from './chromium-args';
import { defaultChromiumPath } from './chromium-path';

const ms = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** `browser-<hostname>` as a NATS subject token. */
export const defaultInstanceId = (host = hostname()) => `browser-${host.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Environment of browser-svc: runtime, messaging and artifact client settings plus the browser's own. */
export const browserSvcConfigSchema = runtimeConfigSchema
  .extend(messagingConfigSchema.shape)
  .extend(artifactClientConfigSchema.shape)
  .extend({
    /** Port of the health endpoint. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3002),
    /** Routing token of this process: sticky session commands are addressed to it. */
    INSTANCE_ID: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/)
        .default(() => defaultInstanceId()),
    ),
    /** Chromium binary; unset: Debian's `chromium-headless-shell` when installed and headless, else `chromium`. */
    CHROMIUM_PATH: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    BROWSER_HEADLESS: envBoolean(true),
    /** Extra Chromium flags, separated by spaces or commas (see splitChromiumArgs). */
    BROWSER_EXTRA_ARGS: z.string().default('').transform(splitChromiumArgs),
    /** Most runs (browser contexts) alive at once in this process. */
    BROWSER_MAX_CONTEXTS: z.coerce.number().int().min(1).max(64).default(4),
    /** Keep a context and page opened ahead for the next session with default context settings. */
    BROWSER_SPARE_CONTEXT: envBoolean(true),
    /** Scrape ahead after opening and after actions, used when the page has not changed by the time it is asked for. */
    BROWSER_READ_AHEAD: envBoolean(true),
    /** Relaunch Chromium after this many contexts, once idle; 0 never. */
    BROWSER_RECYCLE_AFTER_CONTEXTS: z.coerce.number().int().min(0).default(200),
    BROWSER_LAUNCH_TIMEOUT_MS: ms(30_000),
    BROWSER_NAVIGATION_TIMEOUT_MS: ms(30_000),
    /** Deadline of one element action. */
    BROWSER_ACTION_TIMEOUT_MS: ms(10_000),
    /** Longest wait for the page to settle after an action or before a scrape. */
    BROWSER_SETTLE_TIMEOUT_MS: ms(3_000),
    /** How long the network and the DOM must stay quiet to count as settled. */
    BROWSER_SETTLE_QUIET_MS: ms(150),
    /** After typing, choosing, checking, hovering or scrolling: settled at once if nothing happened this long. */
    BROWSER_SETTLE_GRACE_MS: ms(40),
    BROWSER_SCRAPE_TIMEOUT_MS: ms(15_000),
    /** Cap on elements listed per scrape. */
    BROWSER_MAX_ELEMENTS: z.coerce.number().int().min(1).max(5_000).default(400),
    BROWSER_SCREENSHOT_TYPE: z.enum(['png', 'jpeg']).default('jpeg'),
    /** Largest download stored as an artifact (bytes); a bigger one is reported as failed. */
    BROWSER_MAX_DOWNLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024),
    /** Longest wait after an action for its downloads to finish and be stored. */
    BROWSER_DOWNLOAD_TIMEOUT_MS: ms(30_000),
    /** JPEG quality, 1–100. */
    BROWSER_SCREENSHOT_QUALITY: z.coerce.number().int().min(1).max(100).default(70),
    /** Full-page screenshots stop at this height in CSS pixels. */
    BROWSER_MAX_FULL_PAGE_HEIGHT: z.coerce.number().int().min(500).max(100_000).default(10_000),
    /** Token budget of the element list plus page text sent to the planner (a task may set its own). */
    BROWSER_TREE_TOKEN_BUDGET: z.coerce.number().int().min(500).max(200_000).default(10_000),
    /** How often this instance writes its heartbeat (the sessions it holds); keep it well under the orchestrator's timeout. */
    BROWSER_HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    /** Snapshot cookies, local storage and URL after each action, for a replacement session to restore. */
    BROWSER_STATE_SNAPSHOTS: envBoolean(true),
  });
export type BrowserSvcConfig = z.output<typeof browserSvcConfigSchema>;

/** Token of the injected BrowserSvcConfig. */
export const BROWSER_SVC_CONFIG = Symbol('browser-svc:config');

export const loadBrowserSvcConfig = (env: Record<string, string | undefined>): BrowserSvcConfig =>
  loadConfig(browserSvcConfigSchema, env);

/** The browser domain's settings from the environment. */
export function toBrowserConfig(config: BrowserSvcConfig, exists?: (path: string) => boolean): BrowserConfig {
  return resolveBrowserConfig({
    executablePath: config.CHROMIUM_PATH ?? defaultChromiumPath(config.BROWSER_HEADLESS, exists),
    headless: config.BROWSER_HEADLESS,
    extraArgs: config.BROWSER_EXTRA_ARGS,
    maxContexts: config.BROWSER_MAX_CONTEXTS,
    spareContext: config.BROWSER_SPARE_CONTEXT,
    readAhead: config.BROWSER_READ_AHEAD,
    recycleAfterContexts: config.BROWSER_RECYCLE_AFTER_CONTEXTS,
    launchTimeoutMs: config.BROWSER_LAUNCH_TIMEOUT_MS,
    navigationTimeoutMs: config.BROWSER_NAVIGATION_TIMEOUT_MS,
    actionTimeoutMs: config.BROWSER_ACTION_TIMEOUT_MS,
    settleTimeoutMs: config.BROWSER_SETTLE_TIMEOUT_MS,
    settleQuietMs: config.BROWSER_SETTLE_QUIET_MS,
    settleGraceMs: config.BROWSER_SETTLE_GRACE_MS,
    scrapeTimeoutMs: config.BROWSER_SCRAPE_TIMEOUT_MS,
    maxElements: config.BROWSER_MAX_ELEMENTS,
    screenshotType: config.BROWSER_SCREENSHOT_TYPE,
    maxDownloadBytes: config.BROWSER_MAX_DOWNLOAD_BYTES,
    downloadTimeoutMs: config.BROWSER_DOWNLOAD_TIMEOUT_MS,
    screenshotQuality: config.BROWSER_SCREENSHOT_QUALITY,
    maxFullPageHeight: config.BROWSER_MAX_FULL_PAGE_HEIGHT,
    treeTokenBudget: config.BROWSER_TREE_TOKEN_BUDGET,
  });
}

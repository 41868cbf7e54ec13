import type { ElementTreeV1 } from '@webbyflow/contracts';
import { DeadlineException, withDeadline } from '@webbyflow/common';
import type { Frame, Page } from 'playwright-core';
import { isTargetClosedError } from './action-error.mapper';
import { BrowserException, BrowserExceptionCode } from './browser.exception';
import type { BrowserConfig } from './browser.config';
import type { BrowserSession } from './browser-session';
import { fitTreeToBudget } from './budget/tree-budget';
import { readPageStamp } from './actions/page-idle.script';
import { warmActionWorld } from './actions/warm-action-world';
import { ScreenshotTaker, type Screenshot, type ScreenshotSettings } from './screenshots/screenshot.taker';
import { elementLocator, ensureElementIdEngine, type ElementLocator } from './scraper/element-locator';
import { buildElementTree } from './scraper/element-tree.builder';
import { FrameTreeScraper, type ScrapedFrames } from './scraper/frame-tree.scraper';
import { pageHtml } from './scraper/page-html.script';
import { ELEMENT_ID_ATTRIBUTE } from './scraper/scrape.types';

export type PageScraperConfig = Pick<
  BrowserConfig,
  | 'scrapeTimeoutMs'
  | 'settleTimeoutMs'
  | 'maxElements'
  | 'maxTextChars'
  | 'screenshotType'
  | 'screenshotQuality'
  | 'maxFullPageHeight'
  | 'treeTokenBudget'
  | 'readAhead'
>;

export interface ScrapeOptions {
  /** Each field defaults to the configured one; `false` skips the screenshot. */
  screenshot?: Partial<Pick<ScreenshotSettings, 'type' | 'quality' | 'fullPage' | 'marks'>> | false;
  /** Token budget of the tree as the planner renders it; the configured `treeTokenBudget` by default. */
  treeTokenBudget?: number;
}

/** What one scrape produced. The bytes are for artifact storage by the caller; they never go on NATS. */
export interface PageScrape {
  tree: ElementTreeV1;
  html: Buffer;
  screenshot: Screenshot | null;
}

/**
 * A scrape whose tree and HTML are read, with the screenshot (taken right after them) still on its way, so the
 * caller can store the first two meanwhile. The caller must await or catch `screenshot`.
 */
export interface PageRead extends Omit<PageScrape, 'screenshot'> {
  screenshot: Promise<Screenshot | null>;
  /** Taken from the read-ahead (the page had not changed since it began). */
  fromReadAhead: boolean;
}

/** What reading the page found, before the session takes it on. */
interface Reading {
  tree: ElementTreeV1;
  html: Buffer;
  locators: Map<string, ElementLocator>;
  /** Ids of the elements new since the scrape before. */
  fresh: string[];
  /** The frames whose elements it lists. */
  frames: Set<Frame>;
}

/** A scrape started before it was asked for (`readAhead`). */
interface ReadAhead {
  controller: AbortController;
  /** Each frame's page stamp just before the read began. */
  baseline: Promise<Map<Frame, string | null>>;
  reading: Promise<Reading & { readAt: number }>;
  screenshot: Promise<Screenshot | null>;
}

const ATTEMPTS = 3;
/** The page navigated under the script; scraping again once it has loaded is safe (it only reads). */
const NAVIGATED_AWAY = /execution context was destroyed|page is navigating|frame was detached|cannot find context/i;
/** A read ahead is used only this soon after it was read, however still the DOM stayed (a canvas or video moves). */
const READ_AHEAD_MAX_AGE_MS = 2_000;

/**
 * Scrapes the session's page into an ElementTreeV1 and records the id → locator map on the session.
 *
 * Read-ahead: right after a session opens and after each action command, browser-svc starts the scrape the
 * run will ask for next, so it runs while the result and the next command travel. A scrape asked for with the
 * session's own settings takes it when every frame's page stamp (DOM and inline-style changes on the page-idle
 * watch's clock, scroll position, form-control values and states; `readPageStamp`) is what it was when the read
 * began, and the read is fresh; otherwise it is dropped and the page read
 * again, and the elements it saw as new stay new for that read. A page that animates through inline styles is
 * therefore always read again: the read ahead only costs idle time.
 */
export class PageScraper {
  private readonly screenshots = new ScreenshotTaker(ELEMENT_ID_ATTRIBUTE);
  private readonly ahead = new WeakMap<BrowserSession, ReadAhead>();
  /** Ids a dropped read-ahead saw as new, with the URL they belong to: still new to the next scrape. */
  private readonly carried = new WeakMap<BrowserSession, { url: string; ids: Set<string> }>();

  constructor(private readonly config: PageScraperConfig) {}

  /** The tree, HTML and screenshot of the page. */
  async scrape(session: BrowserSession, options: ScrapeOptions = {}, signal?: AbortSignal): Promise<PageScrape> {
    const { tree, html, screenshot } = await this.read(session, options, signal);
    return { tree, html, screenshot: await screenshot };
  }

  /** The tree and HTML of the page, and its screenshot to follow; from the read-ahead when it still holds. */
  async read(session: BrowserSession, options: ScrapeOptions = {}, signal?: AbortSignal): Promise<PageRead> {
    session.assertUsable();
    const ahead = await this.claimAhead(session, options);
    const reading = ahead?.reading ?? (await this.guard(session, signal, (s) => this.readPage(session, options, s)));
    const screenshot = ahead?.screenshot ?? this.shoot(session, options, signal);
    screenshot.catch(() => undefined); // the caller's to handle; no unhandled rejection if it never gets it
    const extras = await this.guard(session, signal, () => session.tabsAndDialogs());
    session.replaceLocators(reading.locators);
    this.carried.delete(session);
    return { tree: { ...reading.tree, ...extras }, html: reading.html, screenshot, fromReadAhead: ahead !== undefined };
  }

  /**
   * Starts the scrape the run will most likely ask for next (browser-svc: after opening, after actions); a
   * no-op when `readAhead` is off, the session is not usable or one is already under way.
   */
  readAhead(session: BrowserSession): void {
    if (!this.config.readAhead || !session.isUsable || this.ahead.has(session)) return;
    const controller = new AbortController();
    // Stamped once loaded, right before the read: a page still loading changes on its way there.
    const loaded = this.guard(session, controller.signal, (s) => this.waitForLoad(session.page, s));
    const baseline = loaded.then(() => pageStamps(session.page));
    const reading = baseline.then(async () => ({
      ...(await this.guard(session, controller.signal, (s) => this.readPage(session, {}, s))),
      readAt: Date.now(),
    }));
    const screenshot = reading.then(() => this.shoot(session, {}, controller.signal));
    reading.catch(() => undefined);
    screenshot.catch(() => undefined);
    this.ahead.set(session, { controller, baseline, reading, screenshot });
  }

  /** Stops and drops the session's read-ahead (before an action changes the page). */
  async dropReadAhead(session: BrowserSession): Promise<void> {
    const ahead = this.ahead.get(session);
    if (!ahead) return;
    this.ahead.delete(session);
    ahead.controller.abort();
    await this.settleDropped(session, ahead);
  }

  private async claimAhead(
    session: BrowserSession,
    options: ScrapeOptions,
  ): Promise<(Pick<ReadAhead, 'screenshot'> & { reading: Reading }) | undefined> {
    const ahead = this.ahead.get(session);
    if (!ahead) return undefined;
    this.ahead.delete(session);
    const reading = await ahead.reading.catch(() => undefined);
    const usable =
      reading !== undefined &&
      options.screenshot === undefined &&
      options.treeTokenBudget === undefined &&
      Date.now() - reading.readAt <= READ_AHEAD_MAX_AGE_MS &&
      (await this.unchanged(session.page, await ahead.baseline, reading));
    if (usable) return { reading, screenshot: ahead.screenshot };
    ahead.controller.abort();
    await this.settleDropped(session, ahead);
    return undefined;
  }

  /**
   * Every frame stamped before the read stamps the same now. A frame that had no stamp (no document yet, one that
   * never loads) must still have none, and must not be one the read listed elements of.
   */
  private async unchanged(page: Page, baseline: Map<Frame, string | null>, reading: Reading): Promise<boolean> {
    for (const [frame, stamp] of baseline) if (stamp === null && reading.frames.has(frame)) return false;
    return sameStamps(baseline, await pageStamps(page));
  }

  /** Waits for a dropped read-ahead to let go of the page; the elements it saw as new stay new. */
  private async settleDropped(session: BrowserSession, ahead: ReadAhead): Promise<void> {
    const reading = await ahead.reading.catch(() => undefined);
    await ahead.screenshot.catch(() => undefined);
    if (!reading || reading.fresh.length === 0) return;
    const earlier = this.carried.get(session);
    const ids = new Set(earlier?.url === reading.tree.url ? earlier.ids : []);
    for (const id of reading.fresh) ids.add(id);
    this.carried.set(session, { url: reading.tree.url, ids });
  }

  /** Runs part of a scrape under its deadline, the session's and the caller's signal, mapping failures. */
  private async guard<T>(
    session: BrowserSession,
    signal: AbortSignal | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    session.assertUsable();
    const parent = signal ? AbortSignal.any([session.signal, signal]) : session.signal;
    try {
      return await withDeadline('scrape page', this.config.scrapeTimeoutMs, work, parent);
    } catch (error) {
      session.assertUsable();
      if (signal?.aborted)
        throw new BrowserException(BrowserExceptionCode.ABORTED, 'Scrape aborted', { cause: signal.reason });
      if (isTargetClosedError(error) || session.page.isClosed()) {
        session.markLost('the page went away during a scrape');
        session.assertUsable();
      }
      if (error instanceof BrowserException) throw error;
      const reason =
        error instanceof DeadlineException
          ? error.message
          : `${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`;
      throw new BrowserException(
        BrowserExceptionCode.SCRAPE_FAILED,
        `Could not scrape ${session.page.url()}: ${reason}`,
        { cause: error },
      );
    }
  }

  private async readPage(session: BrowserSession, options: ScrapeOptions, signal: AbortSignal): Promise<Reading> {
    const { page } = session;
    await ensureElementIdEngine();
    const frames = new FrameTreeScraper(this.config.maxElements);
    let attempt = 0;
    for (;;) {
      try {
        await this.waitForLoad(page, signal);
        const scraped = await frames.scrape(page, session, signal);
        const html = await page.evaluate(pageHtml);
        return this.reading(session, scraped, html, options);
      } catch (error) {
        if (++attempt >= ATTEMPTS || !(error instanceof Error) || !NAVIGATED_AWAY.test(error.message)) throw error;
      }
    }
  }

  private reading(session: BrowserSession, { raw, frameOf }: ScrapedFrames, html: string, options: ScrapeOptions) {
    const carried = this.carried.get(session);
    if (carried?.url === raw.url) for (const e of raw.elements) if (carried.ids.has(e.id)) e.new = true;
    // Over the token budget, new elements and those nearest the viewport are kept.
    const distance = new Map(raw.elements.map((e) => [e.id, e.distance]));
    const budget = options.treeTokenBudget ?? session.scrapeDefaults.treeTokenBudget ?? this.config.treeTokenBudget;
    const tree = fitTreeToBudget(buildElementTree(raw, this.config), budget, (e) => distance.get(e.id) ?? 0);
    const listed = new Set(tree.elements.map((e) => e.id));
    const locators = new Map<string, ElementLocator>();
    for (const element of raw.elements) {
      const frame = frameOf.get(element.id);
      if (frame && listed.has(element.id)) locators.set(element.id, elementLocator(element, frame));
    }
    const fresh = raw.elements.filter((e) => e.new).map((e) => e.id);
    return { tree, html: Buffer.from(html, 'utf8'), locators, fresh, frames: new Set(frameOf.values()) };
  }

  /** DOMContentLoaded is required; `load` is waited for only up to the settle cap (a slow image shouldn't block). */
  private async waitForLoad(page: Page, signal: AbortSignal): Promise<void> {
    await page.waitForLoadState('domcontentloaded', { timeout: this.config.scrapeTimeoutMs, signal });
    await page.waitForLoadState('load', { timeout: this.config.settleTimeoutMs, signal }).catch(() => undefined);
  }

  /** The screenshot, right after the read; then Playwright's injected scripts are warmed for the next action. */
  private async shoot(
    session: BrowserSession,
    options: ScrapeOptions,
    signal: AbortSignal | undefined,
  ): Promise<Screenshot | null> {
    try {
      return await this.guard(session, signal, (s) => this.screenshot(session, options, s));
    } finally {
      if (session.isUsable) warmActionWorld(session.page);
    }
  }

  private async screenshot(
    session: BrowserSession,
    options: ScrapeOptions,
    signal: AbortSignal,
  ): Promise<PageScrape['screenshot']> {
    if (options.screenshot === false) return null;
    const wanted = { ...session.scrapeDefaults.screenshot, ...options.screenshot };
    return this.screenshots.take(
      session.page,
      {
        type: wanted.type ?? this.config.screenshotType,
        quality: wanted.quality ?? this.config.screenshotQuality,
        fullPage: wanted.fullPage ?? false,
        marks: wanted.marks ?? false,
        maxFullPageHeight: this.config.maxFullPageHeight,
      },
      this.config.scrapeTimeoutMs,
      signal,
    );
  }
}

/** A frame that does not answer this soon (no document yet, one that never loads) has no stamp (null). */
const STAMP_TIMEOUT_MS = 100;

/** Each frame's page stamp (`readPageStamp`), null where the watch is not installed or the frame does not answer. */
async function pageStamps(page: Page): Promise<Map<Frame, string | null>> {
  const frames = page.frames();
  const stamp = (frame: Frame) =>
    withDeadline('page stamp', STAMP_TIMEOUT_MS, () => frame.evaluate(readPageStamp)).catch(() => null);
  const stamps = await Promise.all(frames.map(stamp));
  return new Map(frames.map((frame, i) => [frame, stamps[i]]));
}

/** The same frames, each with the same stamp (or still none). */
function sameStamps(before: Map<Frame, string | null>, now: Map<Frame, string | null>): boolean {
  if (before.size !== now.size) return false;
  for (const [frame, stamp] of before) if (!now.has(frame) || now.get(frame) !== stamp) return false;
  return true;
}

import type { ElementTreeV1 } from '@webbyflow/contracts';
import { DeadlineException, withDeadline } from '@webbyflow/common';
import type { Page } from 'playwright-core';
import { isTargetClosedError } from './action-error.mapper';
import { BrowserException, BrowserExceptionCode } from './browser.exception';
import type { BrowserConfig } from './browser.config';
import type { BrowserSession } from './browser-session';
import { fitTreeToBudget } from './budget/tree-budget';
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

const ATTEMPTS = 3;
/** The page navigated under the script; scraping again once it has loaded is safe (it only reads). */
const NAVIGATED_AWAY = /execution context was destroyed|page is navigating|frame was detached|cannot find context/i;

/** Scrapes the session's page into an ElementTreeV1 and records the id → locator map on the session. */
export class PageScraper {
  private readonly screenshots = new ScreenshotTaker(ELEMENT_ID_ATTRIBUTE);

  constructor(private readonly config: PageScraperConfig) {}

  async scrape(session: BrowserSession, options: ScrapeOptions = {}, signal?: AbortSignal): Promise<PageScrape> {
    session.assertUsable();
    const parent = signal ? AbortSignal.any([session.signal, signal]) : session.signal;
    try {
      const scraped = await withDeadline(
        'scrape page',
        this.config.scrapeTimeoutMs,
        (s) => this.run(session, options, s),
        parent,
      );
      return { ...scraped, tree: { ...scraped.tree, ...(await session.tabsAndDialogs()) } };
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

  private async run(session: BrowserSession, options: ScrapeOptions, signal: AbortSignal): Promise<PageScrape> {
    const { page } = session;
    await ensureElementIdEngine();
    const frames = new FrameTreeScraper(this.config.maxElements);
    let attempt = 0;
    for (;;) {
      try {
        await this.waitForLoad(page, signal);
        const scraped = await frames.scrape(page, session, signal);
        const html = await page.evaluate(pageHtml);
        return await this.finish(session, scraped, html, options, signal);
      } catch (error) {
        if (++attempt >= ATTEMPTS || !(error instanceof Error) || !NAVIGATED_AWAY.test(error.message)) throw error;
      }
    }
  }

  private async finish(
    session: BrowserSession,
    { raw, frameOf }: ScrapedFrames,
    html: string,
    options: ScrapeOptions,
    signal: AbortSignal,
  ): Promise<PageScrape> {
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
    session.replaceLocators(locators);
    const screenshot = await this.screenshot(session, options, signal);
    warmActionWorld(session.page);
    return { tree, html: Buffer.from(html, 'utf8'), screenshot };
  }

  /** DOMContentLoaded is required; `load` is waited for only up to the settle cap (a slow image shouldn't block). */
  private async waitForLoad(page: Page, signal: AbortSignal): Promise<void> {
    await page.waitForLoadState('domcontentloaded', { timeout: this.config.scrapeTimeoutMs, signal });
    await page.waitForLoadState('load', { timeout: this.config.settleTimeoutMs, signal }).catch(() => undefined);
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

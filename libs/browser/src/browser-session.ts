import { withDeadline } from '@webbyflow/common';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { BrowserException, BrowserExceptionCode } from './browser.exception';

/** Where a scraped element lives: iframe selectors from the top (empty for the main frame), then its selector. */
export interface ElementLocator {
  framePath: readonly string[];
  selector: string;
}

export type BrowserSessionState = 'open' | 'lost' | 'closed';

const CONTEXT_CLOSE_TIMEOUT_MS = 5_000;

/**
 * One run's isolated BrowserContext and Page, the id → locator map of its latest scrape, and an abort
 * signal that fires when the session is closed or lost, so an action in flight stops.
 */
export class BrowserSession {
  private readonly controller = new AbortController();
  private locators: ReadonlyMap<string, ElementLocator> = new Map();
  private failure: BrowserException | undefined;

  constructor(
    readonly taskId: string,
    /** Launch generation of the Chromium this session lives in. */
    readonly generation: number,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.once('crash', () => this.markLost('the page crashed'));
    page.once('close', () => this.markLost('the page was closed'));
  }

  get state(): BrowserSessionState {
    if (!this.failure) return 'open';
    return this.failure.code === BrowserExceptionCode.SESSION_CLOSED ? 'closed' : 'lost';
  }

  get isUsable(): boolean {
    return this.failure === undefined;
  }

  /** Aborts when the session is closed or lost; its reason is the BrowserException. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Throws SESSION_LOST or SESSION_CLOSED unless the session is open. */
  assertUsable(): void {
    if (this.failure) throw this.failure;
  }

  /** The browser or page went away: later commands get SESSION_LOST. */
  markLost(reason: string): void {
    this.fail(
      new BrowserException(
        BrowserExceptionCode.SESSION_LOST,
        `Browser session of task ${this.taskId} was lost: ${reason}`,
      ),
    );
  }

  /** Aborts work in flight and closes the context; safe to call twice. */
  async close(reason: string): Promise<void> {
    this.fail(
      new BrowserException(
        BrowserExceptionCode.SESSION_CLOSED,
        `Browser session of task ${this.taskId} was closed: ${reason}`,
      ),
    );
    await withDeadline('close browser context', CONTEXT_CLOSE_TIMEOUT_MS, () => this.context.close({ reason })).catch(
      () => undefined,
    );
  }

  replaceLocators(locators: ReadonlyMap<string, ElementLocator>): void {
    this.locators = locators;
  }

  get elementIds(): string[] {
    return [...this.locators.keys()];
  }

  /** Playwright locator of an element id from the latest scrape, or undefined for an unknown id. */
  locate(elementId: string): Locator | undefined {
    const target = this.locators.get(elementId);
    if (!target) return undefined;
    const [first, ...rest] = target.framePath;
    if (first === undefined) return this.page.locator(target.selector);
    let frame = this.page.frameLocator(first);
    for (const selector of rest) frame = frame.frameLocator(selector);
    return frame.locator(target.selector);
  }

  private fail(error: BrowserException): void {
    if (this.failure) return;
    this.failure = error;
    this.controller.abort(error);
  }
}

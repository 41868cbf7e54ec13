import { withDeadline } from '@webbyflow/common';
import type { BrowserOptionsV1, ElementTreeV1 } from '@webbyflow/contracts';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { BrowserException, BrowserExceptionCode } from './browser.exception';
import type { DialogPolicy } from './dialogs/dialog-policy';
import { DialogRecorder } from './dialogs/dialog-recorder';
import { SessionWatch } from './tabs/session-watch';
import type { ElementFingerprint, ElementLocator } from './scraper/element-locator';
import { TabRegistry, type Tab } from './tabs/tab-registry';

export type { ElementFingerprint, ElementLocator } from './scraper/element-locator';

export type BrowserSessionState = 'open' | 'lost' | 'closed';

export interface BrowserSessionOptions {
  /** Confirm, prompt and beforeunload dialogs: accepted (default) or dismissed; alerts are always accepted. */
  dialogs?: DialogPolicy;
  /** The task's screenshot settings; each field falls back to browser-svc's configuration. */
  screenshot?: BrowserOptionsV1['screenshot'];
  /** The task's element-tree token budget. */
  treeTokenBudget?: number;
}

const CONTEXT_CLOSE_TIMEOUT_MS = 5_000;

/**
 * One run's isolated BrowserContext and its tabs (one active), the id → locator map of its latest scrape,
 * and an abort signal that fires when the session is closed or lost, so an action in flight stops. Dialogs
 * are answered at once by policy; tabs opened, dialogs and downloads are reported to the running action's
 * watch. The session is lost when the context dies or its last tab closes or crashes, not when one tab closes.
 */
export class BrowserSession {
  private readonly controller = new AbortController();
  private locators: ReadonlyMap<string, ElementLocator> = new Map();
  /** Frame numbers of element ids (`f2e7`), handed out when a frame is first scraped and kept for the session. */
  private readonly frameNumbers = new WeakMap<Frame, number>();
  private lastFrameNumber = 0;
  private failure: BrowserException | undefined;
  private readonly watches = new Set<SessionWatch>();
  private readonly tabRegistry: TabRegistry;
  private readonly dialogRecorder: DialogRecorder;

  constructor(
    readonly taskId: string,
    /** Launch generation of the Chromium this session lives in. */
    readonly generation: number,
    readonly context: BrowserContext,
    first: Page,
    private readonly options: BrowserSessionOptions = {},
  ) {
    this.tabRegistry = new TabRegistry(context, first, {
      opened: (tab) => this.onTabOpened(tab),
      allGone: (reason) => this.markLost(reason),
    });
    this.dialogRecorder = new DialogRecorder(context, options.dialogs ?? 'accept', (record) => {
      for (const watch of this.watches) watch.dialogs.push(record);
    });
    context.once('close', () => this.markLost('the browser context was closed'));
  }

  /** What the task asked of its scrapes (screenshot format, full page, marks, token budget). */
  get scrapeDefaults(): Pick<BrowserSessionOptions, 'screenshot' | 'treeTokenBudget'> {
    return { screenshot: this.options.screenshot, treeTokenBudget: this.options.treeTokenBudget };
  }

  /** The active tab's page. */
  get page(): Page {
    return this.tabRegistry.active.page;
  }

  /** The context's tabs: ids, the active one, switching. */
  get tabs(): TabRegistry {
    return this.tabRegistry;
  }

  /** For the scrape: the tabs, when there is more than one, and the dialogs since the previous scrape (drained). */
  async tabsAndDialogs(): Promise<Pick<ElementTreeV1, 'tabs' | 'dialogs'>> {
    const tabs = this.tabRegistry.size > 1 ? await this.tabRegistry.describe() : undefined;
    const dialogs = this.dialogRecorder.drain();
    return { ...(tabs ? { tabs } : {}), ...(dialogs.length > 0 ? { dialogs } : {}) };
  }

  /** Starts recording the tabs, dialogs and downloads of one action; stop the watch when it is done. */
  watch(): SessionWatch {
    const watch = new SessionWatch((w) => this.watches.delete(w));
    this.watches.add(watch);
    return watch;
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

  /**
   * Playwright locator of an element id from the latest scrape, in its frame (same- or cross-origin, any
   * depth), or undefined for an unknown id. Elements inside closed shadow roots are found through the
   * `wfid=` selector engine, so every Locator method works on them too.
   */
  locate(elementId: string): Locator | undefined {
    const target = this.locators.get(elementId);
    return target ? target.frame.locator(target.selector) : undefined;
  }

  /** Frame, selector and fingerprint of an element id from the latest scrape. */
  locatorOf(elementId: string): ElementLocator | undefined {
    return this.locators.get(elementId);
  }

  /** What the latest scrape saw of the element (role, name, tag, attributes, box), to re-find it when stale. */
  fingerprintOf(elementId: string): ElementFingerprint | undefined {
    return this.locators.get(elementId)?.fingerprint;
  }

  /** The frame's number in element ids: stable for the session, starting at 1 (top frames use plain `e`). */
  frameNumber(frame: Frame): number {
    let number = this.frameNumbers.get(frame);
    if (number === undefined) {
      number = ++this.lastFrameNumber;
      this.frameNumbers.set(frame, number);
    }
    return number;
  }

  private onTabOpened(tab: Tab): void {
    for (const watch of this.watches) watch.openedTabs.push(tab.id);
    tab.page.on('download', (download) => {
      for (const watch of this.watches) watch.downloads.push(download);
    });
  }

  private fail(error: BrowserException): void {
    if (this.failure) return;
    this.failure = error;
    this.controller.abort(error);
  }
}

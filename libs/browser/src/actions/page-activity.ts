import { sleep } from '@webbyflow/common';
import type { Page, Request } from 'playwright-core';
import { isTargetClosedError } from '../action-error.mapper';
import { domQuietFor } from './dom-quiet.script';

export interface SettleOptions {
  /** The network and the DOM must stay quiet this long. */
  quietMs: number;
  /** Give up waiting (without failing) after this long. */
  maxMs: number;
  /**
   * When set: a page that showed no request, no navigation and no DOM change from the start of the action
   * until this long after its end is settled at once, without the quiet period. For actions that usually
   * change nothing but the control itself (typing into a plain field, a native select); whatever they do set
   * off (a validation message, a fetch) shows within a few frames and brings back the full quiet period.
   */
  graceMs?: number;
}

const POLL_MS = 25;

/**
 * Watches a page's network from before an action until `settle()`, so a request the action fired
 * (a form post, a fetch) is never missed, then waits for a quiet period of DOM mutations too (content
 * rendered from that response). Long-lived streams are ignored; a request that never ends or a page
 * that never stops changing just makes `settle()` wait its cap.
 */
export class PageActivity {
  private readonly inflight = new Set<Request>();
  private readonly startedAt = performance.now();
  private lastChange = this.startedAt;
  /** A request or a navigation was seen since the watch started. */
  private active = false;
  private readonly onStart = (request: Request) => {
    if (request.resourceType() === 'eventsource' || request.resourceType() === 'websocket') return;
    this.inflight.add(request);
    this.active = true;
    this.touch();
  };
  private readonly onEnd = (request: Request) => {
    this.inflight.delete(request);
    this.touch();
  };
  private readonly onNavigated = () => {
    this.active = true;
    this.touch();
  };

  constructor(private readonly page: Page) {
    page.on('request', this.onStart);
    page.on('requestfinished', this.onEnd);
    page.on('requestfailed', this.onEnd);
    page.on('framenavigated', this.onNavigated);
    page.on('domcontentloaded', this.onNavigated);
  }

  /**
   * Resolves once, counted from the call, the network has been quiet for `quietMs`, the main frame's DOM has
   * not changed for `quietMs` and the document is parsed, or after `maxMs`; with `graceMs`, at once when the
   * action set nothing off (see SettleOptions).
   */
  async settle(options: SettleOptions, signal: AbortSignal): Promise<void> {
    const end = performance.now() + options.maxMs;
    // close_tab closed the watched page: nothing is left to settle (the session is lost only if no tab is left)
    if (this.page.isClosed()) return;
    // The quiet period starts when the action is done: what it set off (a timer, a debounced fetch) comes after.
    this.touch();
    if (options.graceMs !== undefined && (await this.untouched(options.graceMs, signal))) return;
    for (;;) {
      const now = performance.now();
      if (now >= end) return;
      if (this.inflight.size === 0 && now - this.lastChange >= options.quietMs) {
        if ((await this.domQuietMs(signal)) >= options.quietMs) break;
      }
      await sleep(POLL_MS, signal);
    }
    const remaining = Math.max(end - performance.now(), 1);
    await this.page.waitForLoadState('domcontentloaded', { timeout: remaining, signal }).catch(() => undefined);
    signal.throwIfAborted();
  }

  dispose(): void {
    this.page.off('request', this.onStart);
    this.page.off('requestfinished', this.onEnd);
    this.page.off('requestfailed', this.onEnd);
    this.page.off('framenavigated', this.onNavigated);
    this.page.off('domcontentloaded', this.onNavigated);
  }

  /** True when, `graceMs` after the action, nothing has happened on the page since the watch started. */
  private async untouched(graceMs: number, signal: AbortSignal): Promise<boolean> {
    await sleep(graceMs, signal);
    if (this.active || this.inflight.size > 0) return false;
    const watched = performance.now() - this.startedAt; // read before the page's clock: errs towards waiting
    return (await this.domQuietMs(signal)) >= watched && !this.active;
  }

  /** How long the DOM has been still; 0 while a navigation replaces the document (the observer starts again). */
  private async domQuietMs(signal: AbortSignal): Promise<number> {
    try {
      return await this.page.locator(':root').evaluate(domQuietFor, undefined, { timeout: POLL_MS * 20, signal });
    } catch (error) {
      signal.throwIfAborted();
      if (isTargetClosedError(error) || this.page.isClosed()) throw error;
      return 0;
    }
  }

  private touch(): void {
    this.lastChange = performance.now();
  }
}

import { sleep, withDeadline } from '@webbyflow/common';
import type { Page, Request } from 'playwright-core';
import { isTargetClosedError } from '../action-error.mapper';
import { probePageIdle, UNWATCHED, type PageIdleProbe } from './page-idle.script';

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
/** A probe that takes longer (a dialog holds the page's script, a navigation replaces it) reads "not idle". */
const PROBE_TIMEOUT_MS = 500;

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
   * Resolves once, counted from the call, the page is idle (see `idle`), or the network has been quiet for
   * `quietMs`, the main frame's DOM has not changed for `quietMs` and the document is parsed, or after `maxMs`;
   * with `graceMs`, at once when the action set nothing off (see SettleOptions).
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
      if (this.inflight.size === 0) {
        const probe = await this.probe(signal);
        if (this.idle(probe)) break;
        if (performance.now() - this.lastChange >= options.quietMs && probe.domQuietMs >= options.quietMs) break;
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

  /**
   * True when the page has nothing left that would change it by itself: loaded, no request in flight, none
   * started or ended during the probe, no short timer, interval, animation frame or idle callback pending, a
   * DOM that stayed still through the probe's frame, and no new window asked for since the action started (its
   * tab joins a little later). Pages that always have something scheduled (an animation loop, a ticking clock)
   * never are idle, and settle by the quiet period instead.
   */
  private idle(probe: PageIdleProbe & { startedAt: number }): boolean {
    return (
      probe.watched &&
      !this.since(probe.windowOpenedMs) &&
      probe.complete &&
      probe.pending === 0 &&
      this.inflight.size === 0 &&
      this.lastChange <= probe.startedAt &&
      probe.domQuietMs >= probe.waitedMs
    );
  }

  /**
   * For an action that usually changes nothing but its control: true when the page is idle at once, or when,
   * `graceMs` after the action, nothing happened on the page since the watch started: no request, navigation,
   * DOM change or newly scheduled timer or idle callback. What the grace cannot see is a timer set to fire after it (a debounced
   * check): one scheduled during the action sends the settle on to wait for it.
   */
  private async untouched(graceMs: number, signal: AbortSignal): Promise<boolean> {
    const first = await this.probe(signal);
    if (this.idle(first)) return true;
    const wait = graceMs - (performance.now() - first.startedAt);
    if (wait > 0) await sleep(wait, signal);
    if (this.active || this.inflight.size > 0) return false;
    const watched = performance.now() - this.startedAt; // read before the page's clock: errs towards waiting
    const probe = await this.probe(signal);
    return probe.domQuietMs >= watched && !this.since(probe.scheduledMs) && !this.active;
  }

  /** True when a page clock reading "this many ms ago" (-1: never) falls after the watch started. */
  private since(msAgo: number): boolean {
    return msAgo >= 0 && msAgo < performance.now() - this.startedAt;
  }

  /** The page's own account of its activity; "not idle, DOM just changed" while a navigation replaces the document. */
  private async probe(signal: AbortSignal): Promise<PageIdleProbe & { startedAt: number }> {
    const startedAt = performance.now();
    try {
      // page.evaluate, not a locator: a new document would first have to build Playwright's injected script
      const probe = await withDeadline(
        'page idle probe',
        PROBE_TIMEOUT_MS,
        () => this.page.evaluate(probePageIdle),
        signal,
      );
      return { ...(probe ?? UNWATCHED), startedAt };
    } catch (error) {
      signal.throwIfAborted();
      if (isTargetClosedError(error) || this.page.isClosed()) throw error;
      return { ...UNWATCHED, startedAt };
    }
  }

  private touch(): void {
    this.lastChange = performance.now();
  }
}

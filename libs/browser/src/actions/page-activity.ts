import { sleep } from '@webbyflow/common';
import type { Page, Request } from 'playwright-core';

export interface SettleOptions {
  /** The network must stay quiet this long. */
  quietMs: number;
  /** Give up waiting (without failing) after this long. */
  maxMs: number;
}

const POLL_MS = 25;

/**
 * Watches a page's network from before an action until `settle()`, so a request the action fired
 * (a form post, a fetch) is never missed. Long-lived streams are ignored; a request that never ends
 * just makes `settle()` wait its cap.
 */
export class PageActivity {
  private readonly inflight = new Set<Request>();
  private lastChange = performance.now();
  private readonly onStart = (request: Request) => {
    if (request.resourceType() === 'eventsource' || request.resourceType() === 'websocket') return;
    this.inflight.add(request);
    this.touch();
  };
  private readonly onEnd = (request: Request) => {
    this.inflight.delete(request);
    this.touch();
  };
  private readonly onNavigated = () => this.touch();

  constructor(private readonly page: Page) {
    page.on('request', this.onStart);
    page.on('requestfinished', this.onEnd);
    page.on('requestfailed', this.onEnd);
    page.on('framenavigated', this.onNavigated);
    page.on('domcontentloaded', this.onNavigated);
  }

  /** Resolves once the network has been quiet for `quietMs` and the document is parsed, or after `maxMs`. */
  async settle(options: SettleOptions, signal: AbortSignal): Promise<void> {
    const end = performance.now() + options.maxMs;
    for (;;) {
      const now = performance.now();
      if (now >= end) return;
      if (this.inflight.size === 0 && now - this.lastChange >= options.quietMs) break;
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

  private touch(): void {
    this.lastChange = performance.now();
  }
}

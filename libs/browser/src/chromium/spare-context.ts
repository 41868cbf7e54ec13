import type { BrowserOptionsV1 } from '@webbyflow/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserStorageState } from './browser-profile';
import { contextOptionsFor } from './context-options';

/** A context with its first page and the scrape's init scripts, not yet given to a task. */
export interface PreparedContext {
  context: BrowserContext;
  page: Page;
  generation: number;
}

/** The options of a task that the spare context is opened with: none of its own. */
export const DEFAULT_BROWSER_OPTIONS: BrowserOptionsV1 = {};

/**
 * At most one context opened ahead for the next session whose context settings are the defaults (no viewport,
 * locale, timezone, user agent, proxy, headers, profile or blocking of its own). Opening a page costs Chromium
 * ~100–150 ms, which that session then does not wait for. The BrowserSessionManager decides when to open it.
 */
export class SpareContext {
  private pending?: Promise<PreparedContext | undefined>;
  private readonly defaultSettings: string;

  constructor(private readonly defaults: { viewport: { width: number; height: number } }) {
    this.defaultSettings = JSON.stringify(contextOptionsFor(DEFAULT_BROWSER_OPTIONS, defaults));
  }

  get held(): boolean {
    return this.pending !== undefined;
  }

  /** Whether a session with these options can take the spare: its context settings are the defaults. */
  fits(options: BrowserOptionsV1, profile?: BrowserStorageState): boolean {
    if (profile || options.blockResourceTypes?.length || options.blockHosts?.length) return false;
    return JSON.stringify(contextOptionsFor(options, this.defaults)) === this.defaultSettings;
  }

  /** Starts preparing the spare; a failure (Chromium went away meanwhile) leaves none. */
  open(prepare: () => Promise<PreparedContext>): void {
    this.pending ??= prepare().catch(() => undefined);
  }

  /** The spare, once ready, if `usable` says it still is; whoever calls this owns it. */
  async take(usable: (spare: PreparedContext) => boolean): Promise<PreparedContext | undefined> {
    const pending = this.pending;
    this.pending = undefined;
    const spare = await pending;
    if (!spare) return undefined;
    if (usable(spare) && spare.context.browser()?.isConnected() === true && !spare.page.isClosed()) return spare;
    await spare.context.close().catch(() => undefined);
    return undefined;
  }

  async discard(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    await (await pending)?.context.close().catch(() => undefined);
  }
}

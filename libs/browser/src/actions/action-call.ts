import type { Locator } from 'playwright-core';
import type { BrowserSession } from '../browser-session';
import type { TargetInfo } from './target.scripts';

/** Options for every Playwright call inside one action: its timeout and the deadline's abort signal. */
export interface CallOptions {
  timeout: number;
  signal: AbortSignal;
}

/** An element the action works on: its locator and what the page says about it. */
export interface ActionTarget {
  locator: Locator;
  info: TargetInfo;
  /** `read(element)` in the page: through the scrape's registry when the target is listed there, else the locator. */
  read<R>(read: (el: Element) => R): Promise<R>;
}

/**
 * What an action did so far, for the result: whether input reached the page (from then on a failure may
 * have had effects), what the target may set off, and the id a stale element was found again under.
 */
export class ActionProgress {
  acted = false;
  effect: TargetInfo['effect'] = 'none';
  refoundAs: string | undefined;

  /** Called right before the first input that can change the page. */
  acting(): void {
    this.acted = true;
  }
}

/** Everything a per-family action function needs: the session, the call options and the target resolver. */
export interface ActionScope {
  session: BrowserSession;
  call: CallOptions;
  progress: ActionProgress;
  /** Resolves an element id of the latest scrape (re-finding it when stale), refusing CAPTCHA widgets. */
  target(elementId: string): Promise<ActionTarget>;
}

// Runs in every document of a session before the page's own scripts (context.addInitScript): self-contained.
import type { PageKeys } from './scrape.types';

/** What the init script records for the scrape, per window. */
export interface ScrapeHooks {
  /** attachShadow({mode: 'closed'}) calls so far: the scrape registers closed roots only when there are some. */
  closedRoots: number;
  /** Hosts of those roots (the roots themselves stay private), for the DevTools pass to find them fast. */
  closedHosts: WeakRef<Element>[];
  /** Elements given a click-like listener with addEventListener, which no DOM property shows. */
  clickTargets: WeakSet<EventTarget>;
}

/**
 * Counts closed shadow roots (and notes their hosts) and remembers elements with click listeners. It
 * only observes: both patched methods call the original with the same arguments and return its result.
 */
export function installScrapeHooks(keys: PageKeys): void {
  const key = Symbol.for(keys.hooks);
  const host = window as unknown as Record<symbol, ScrapeHooks | undefined>;
  if (host[key]) return;
  const hooks: ScrapeHooks = { closedRoots: 0, closedHosts: [], clickTargets: new WeakSet() };
  Object.defineProperty(window, key, { value: hooks });
  const CLICKS = new Set(['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup']);

  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = attachShadow.call(this, init);
    if (init?.mode === 'closed') {
      hooks.closedRoots++;
      hooks.closedHosts.push(new WeakRef(this));
    }
    return root;
  };

  const addEventListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    if (CLICKS.has(type) && this instanceof Element) hooks.clickTargets.add(this);
    addEventListener.call(this, type, listener, options);
  };
}

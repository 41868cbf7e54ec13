// Runs inside the page (an init script, and locator.evaluate): self-contained, no imports, no module helpers.

/** What the page says about its own activity; see `probePageIdle`. */
export interface PageIdleProbe {
  /** The watch is installed in this document (false on a document the init script did not reach). */
  watched: boolean;
  /** Milliseconds since the last DOM mutation (inline `style` changes aside); 0 when unknown. */
  domQuietMs: number;
  /** Timeouts of up to a second, intervals, animation-frame and idle callbacks scheduled, not yet run or cleared. */
  pending: number;
  /**
   * Milliseconds since the page last scheduled such a timeout, interval or idle callback; -1 when it never did.
   * Animation frames are left out: an animated page requests one every frame.
   */
  scheduledMs: number;
  /** document.readyState is "complete": the load event has fired. */
  complete: boolean;
  /** Milliseconds since the page last asked for a new window (window.open, a link or form with a target); -1 never. */
  windowOpenedMs: number;
  /** How long the probe waited in the page (a frame and a task turn). */
  waitedMs: number;
}

/** What a probe reads on a document without the watch (or that it could not reach): never idle. */
export const UNWATCHED: PageIdleProbe = {
  watched: false,
  domQuietMs: 0,
  pending: 0,
  scheduledMs: -1,
  windowOpenedMs: -1,
  complete: false,
  waitedMs: 0,
};

/**
 * Installs the page's activity watch, once per document, before the page's own scripts run:
 * - a MutationObserver noting when the DOM last changed. Inline `style` changes are ignored: animations and
 *   carousels rewrite them forever without changing what a reader or the scraper sees; so are the scrape's own
 *   `data-wf-*` tags. Net inline-style changes are noted apart (`readPageStamp`);
 * - counts of the timeouts (up to a second), intervals, animation frames and idle callbacks the page has
 *   scheduled and that have not run yet. The patched functions call the originals with the same arguments and return their ids;
 * - when the page last asked for a new window (window.open, a click on a link or a submit of a form with a
 *   target): the new tab shows up in Playwright a little later, so the settle waits the quiet period for it.
 * A page with none pending, a finished load, no request in flight and a DOM that stays still through a
 * frame has nothing left that would change it by itself: waiting longer for it to settle only loses time.
 */
export function installPageIdleWatch(): void {
  const KEY = '__webbyflowIdle';
  const page = window as unknown as Record<string, unknown>;
  if (page[KEY]) return;
  const SHORT_MS = 1_000;
  const timers = new Set<number>();
  const frames = new Set<number>();
  // The DOM's timer functions, typed loosely: Node's typings of the same names would get in the way here.
  type Schedule = (handler: unknown, delay?: unknown, ...args: unknown[]) => number;
  type Clear = (id?: unknown) => void;
  const original = <T>(name: string) => (page[name] as (...args: unknown[]) => unknown).bind(window) as T;
  const later = original<Schedule>('setTimeout');
  const every = original<Schedule>('setInterval');
  const clearTimer = original<Clear>('clearTimeout');
  const clearEvery = original<Clear>('clearInterval');
  const frame = original<(callback: (time: number) => void) => number>('requestAnimationFrame');
  const cancelFrame = original<Clear>('cancelAnimationFrame');
  const whenIdle =
    original<(callback: (deadline: unknown) => void, options?: unknown) => number>('requestIdleCallback');
  const cancelIdle = original<Clear>('cancelIdleCallback');
  const idleCallbacks = new Set<number>();
  const state = {
    domChangedAt: performance.now(),
    styleChangedAt: -1,
    scheduledAt: -1,
    windowOpenedAt: -1,
    timers,
    frames,
    idleCallbacks,
    later,
    frame,
  };
  Object.defineProperty(window, KEY, { value: state });
  // Inline styles and the scrape's own `data-wf-*` tags are not what the settle waits for. A net change of an
  // inline style (the first record of an element in a batch against its value now) is still noted apart, for
  // the scrape read ahead: the scrape sets and restores styles while it reads, which nets out within its batch.
  new MutationObserver((records) => {
    let dom = false;
    let style = false;
    const styled = new Set<Node>();
    for (const r of records) {
      if (r.type !== 'attributes') dom = true;
      else if (r.attributeName === 'style') {
        if (styled.has(r.target)) continue;
        styled.add(r.target);
        // An empty style is no style: Chromium leaves `style=""` where a script set a property and removed the attribute.
        if (((r.target as Element).getAttribute('style') ?? '') !== (r.oldValue ?? '')) style = true;
      } else if (!r.attributeName?.startsWith('data-wf-')) dom = true;
    }
    const now = performance.now();
    if (dom) state.domChangedAt = now;
    if (style) state.styleChangedAt = now;
  }).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeOldValue: true,
  });

  const short = (delay: unknown) => (Number(delay) || 0) <= SHORT_MS;
  const setTimeout: Schedule = (handler, delay, ...args) => {
    if (typeof handler !== 'function' || !short(delay)) return later(handler, delay, ...args);
    const id = later(
      (...given: unknown[]) => {
        timers.delete(id);
        (handler as (...given: unknown[]) => void).apply(window, given);
      },
      delay,
      ...args,
    );
    timers.add(id);
    state.scheduledAt = performance.now();
    return id;
  };
  const setInterval: Schedule = (handler, delay, ...args) => {
    const id = every(handler, delay, ...args);
    if (short(delay)) {
      timers.add(id);
      state.scheduledAt = performance.now();
    }
    return id;
  };
  // Timeout and interval ids share one pool, and either clear function clears either kind.
  const forget =
    (clear: Clear): Clear =>
    (id) => {
      timers.delete(id as number);
      clear(id);
    };
  const requestAnimationFrame = (callback: (time: number) => void): number => {
    const id = frame((time) => {
      frames.delete(id);
      callback(time);
    });
    frames.add(id);
    return id;
  };
  const cancelAnimationFrame: Clear = (id) => {
    frames.delete(id as number);
    cancelFrame(id);
  };
  // Idle callbacks count with the frames: work the page put off until it is idle (lazy rendering, hydration).
  const requestIdleCallback = (callback: (deadline: unknown) => void, options?: unknown): number => {
    const id = whenIdle((deadline) => {
      idleCallbacks.delete(id);
      callback(deadline);
    }, options);
    idleCallbacks.add(id);
    state.scheduledAt = performance.now();
    return id;
  };
  const cancelIdleCallback: Clear = (id) => {
    idleCallbacks.delete(id as number);
    cancelIdle(id);
  };
  const open = original<(...args: unknown[]) => unknown>('open');
  const opened = () => (state.windowOpenedAt = performance.now());
  const SAME_WINDOW = new Set(['', '_self', '_parent', '_top']);
  const targeted = (element: Element | null) =>
    !!element && !SAME_WINDOW.has((element.getAttribute('target') ?? '').toLowerCase());
  window.addEventListener(
    'click',
    (event) => {
      const source = event.target instanceof Element ? event.target : null;
      if (targeted(source?.closest('a[href][target], area[href][target]') ?? null)) opened();
    },
    true,
  );
  window.addEventListener('submit', (event) => targeted(event.target as Element) && opened(), true);
  Object.assign(window, {
    open: (...args: unknown[]) => {
      opened();
      return open(...args);
    },
    setTimeout,
    setInterval,
    clearTimeout: forget(clearTimer),
    clearInterval: forget(clearEvery),
    requestAnimationFrame,
    cancelAnimationFrame,
    requestIdleCallback,
    cancelIdleCallback,
  });
}

/**
 * Waits for one rendering frame (observer callbacks and frame work run in it) and one task turn, then reports
 * the page's activity; null on a document the watch did not reach. Uses the original timer functions, so the
 * probe never counts itself.
 */
export async function probePageIdle(_root?: unknown): Promise<PageIdleProbe | null> {
  const state = (window as unknown as Record<string, unknown>)['__webbyflowIdle'] as
    | {
        domChangedAt: number;
        scheduledAt: number;
        windowOpenedAt: number;
        timers: Set<number>;
        frames: Set<number>;
        idleCallbacks: Set<number>;
        later: (handler: () => void, ms: number) => number;
        frame: (callback: () => void) => number;
      }
    | undefined;
  if (!state) return null;
  const started = performance.now();
  const FRAME_CAP_MS = 50; // a background tab may not render at all
  await new Promise<void>((resolve) => {
    state.later(resolve, FRAME_CAP_MS);
    state.frame(() => state.later(resolve, 0));
  });
  const now = performance.now();
  return {
    watched: true,
    domQuietMs: now - state.domChangedAt,
    pending: state.timers.size + state.frames.size + state.idleCallbacks.size,
    scheduledMs: state.scheduledAt < 0 ? -1 : now - state.scheduledAt,
    windowOpenedMs: state.windowOpenedAt < 0 ? -1 : now - state.windowOpenedAt,
    complete: document.readyState === 'complete',
    waitedMs: now - started,
  };
}

/**
 * A stamp of everything a scrape reads from the document that can change: when the DOM or an inline style last
 * changed (the watch's clock), the scroll position, and the form controls' values, checks, choices and
 * `:user-invalid` (properties, which change without a mutation). Read without waiting; null on a document the
 * watch did not reach. Two equal stamps mean the scrape would read the same, the scrape's own tags aside.
 */
export function readPageStamp(): string | null {
  const state = (window as unknown as Record<string, unknown>)['__webbyflowIdle'] as
    { domChangedAt: number; styleChangedAt: number } | undefined;
  if (!state) return null;
  let userInvalid = true;
  try {
    document.documentElement.matches(':user-invalid');
  } catch {
    userInvalid = false;
  }
  let hash = 0x811c9dc5;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  };
  for (const el of document.querySelectorAll('input, textarea, select')) {
    const control = el as HTMLInputElement & HTMLSelectElement;
    mix(`${control.value}\u0000${control.checked}\u0000${control.selectedIndex}\u0000`);
    if (userInvalid) mix(control.matches(':user-invalid') ? '!' : '.');
  }
  const changed = Math.max(state.domChangedAt, state.styleChangedAt);
  return `${changed}:${window.scrollX},${window.scrollY}:${hash >>> 0}`;
}

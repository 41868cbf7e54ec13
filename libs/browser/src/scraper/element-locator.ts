import { selectors, type Frame } from 'playwright-core';
import { ELEMENT_ID_ATTRIBUTE, PAGE_KEYS, type RawElement, type RawRect } from './scrape.types';

/** What the scrape saw of an element, to find it again after the page re-rendered it. */
export interface ElementFingerprint {
  role: string;
  name: string;
  tag: string;
  /** id, name, type, href, placeholder, aria-label, data-testid and title, where set. */
  attributes: Record<string, string>;
  /** Box in its frame's viewport at scrape time, CSS pixels. */
  rect: RawRect;
}

/** Where a scraped element lives: its frame (any depth, in or out of process) and a selector in it. */
export interface ElementLocator {
  frame: Frame;
  /** `[data-wf-id="f2e7"]`, or `wfid=f2e7` inside a closed shadow root, which CSS can't pierce. */
  selector: string;
  inClosedShadow: boolean;
  fingerprint: ElementFingerprint;
}

/** Selector engine that finds a listed element by id through the scrape's page-side registry. */
export const ELEMENT_ID_ENGINE = 'wfid';

/** Runs in the page as the `wfid` engine: the element the latest scrape listed under that id, if still there. */
function elementIdEngine(keys: { state: string; attribute: string }) {
  const find = (root: Node, id: string): Element | null => {
    const doc = (root.ownerDocument ?? root) as unknown as Record<symbol, { byId: Map<string, WeakRef<Element>> }>;
    const el = doc[Symbol.for(keys.state)]?.byId.get(id)?.deref();
    if (!el?.isConnected || el.getAttribute(keys.attribute) !== id) return null;
    for (let node: Node | null = el; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null)
      if (node === root) return el;
    return null;
  };
  return {
    query: (root: Node, id: string): Element | null => find(root, id),
    queryAll: (root: Node, id: string): Element[] => {
      const el = find(root, id);
      return el ? [el] : [];
    },
  };
}

let engine: Promise<void> | undefined;

/** Registers the `wfid` engine once per process; Playwright applies it to every context. */
export function ensureElementIdEngine(): Promise<void> {
  engine ??= selectors
    .register(ELEMENT_ID_ENGINE, {
      content: `(${elementIdEngine.toString()})(${JSON.stringify({ state: PAGE_KEYS.state, attribute: ELEMENT_ID_ATTRIBUTE })})`,
    })
    .catch((error: unknown) => {
      // Another copy of this module (src and dist in one process) got there first: same engine.
      if (error instanceof Error && /already registered/.test(error.message)) return;
      engine = undefined;
      throw error;
    });
  return engine;
}

export function elementLocator(element: RawElement, frame: Frame): ElementLocator {
  const inClosedShadow = element.inClosedShadow === true;
  return {
    frame,
    selector: inClosedShadow ? `${ELEMENT_ID_ENGINE}=${element.id}` : `[${ELEMENT_ID_ATTRIBUTE}="${element.id}"]`,
    inClosedShadow,
    fingerprint: {
      role: element.role,
      name: element.name.slice(0, 200),
      tag: element.tag,
      attributes: element.attributes,
      rect: element.rect,
    },
  };
}

// Runs inside each frame as part of the scrape expression (scrape-expression.ts): self-contained, no
// imports, no module-level helpers.
import type { NameReader } from './element-name.script';
import type { RoleReader } from './element-role.script';
import type { StateReader } from './element-state.script';
import type { Visibility } from './element-visibility.script';
import type { ScrapeHooks } from './scrape-hooks.script';
import type { CaptchaKind, RawElement, RawFrameScrape, RawFrameSlot, ScrapeScriptArgs } from './scrape.types';

/** The page-side readers the scrape expression builds for one frame. */
export interface ScrapeKit {
  roles: RoleReader;
  names: NameReader;
  visibility: Visibility;
  states: StateReader;
  shadowOf(el: Element): ShadowRoot | null;
  captcha(): CaptchaKind | undefined;
}

/** Ids of one document, kept between scrapes so an element keeps its id while it stays on the page. */
export interface DocumentIds {
  prefix: string;
  next: number;
  scrapes: number;
  ids: WeakMap<Element, string>;
  /** Every element a scrape found usable, listed or cut by the cap: anything else that shows up is new. */
  seen: WeakSet<Element>;
  /** Listed elements of the latest scrape, for the `wfid=` selector engine (closed shadow roots). */
  byId: Map<string, WeakRef<Element>>;
}

/**
 * Lists what a person can use in this frame's document, in document order, through open and registered
 * closed shadow roots, in one walk: native controls and ARIA widgets always (a hidden checkbox through
 * its visible label); onclick, click-listener and pointer-cursor elements only as the outermost clickable
 * with no control inside. Each listed element is tagged with its id; an element keeps the id it got in an
 * earlier scrape. Visible iframes are marked with a slot key and their place in the list.
 */
export function scrapeFrame(args: ScrapeScriptArgs, kit: ScrapeKit): RawFrameScrape {
  const { roles, visibility, states } = kit;
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE']);
  const stateKey = Symbol.for(args.keys.state);
  const doc = document as unknown as Record<symbol, DocumentIds | undefined>;
  let state = doc[stateKey];
  if (!state || state.prefix !== args.idPrefix) {
    state = { prefix: args.idPrefix, next: 1, scrapes: 0, ids: new WeakMap(), seen: new WeakSet(), byId: new Map() };
    Object.defineProperty(document, stateKey, { value: state, configurable: true });
  }
  const ids = state;
  const hooks = (window as unknown as Record<symbol, ScrapeHooks | undefined>)[Symbol.for(args.keys.hooks)];
  const viewportArea = (document.documentElement.clientWidth || 1) * (document.documentElement.clientHeight || 1);

  interface Candidate {
    target: Element;
    control: Element;
    role: string;
    rect: DOMRect;
    closed: boolean;
    /** Appeared since the previous scrape of this document. */
    fresh: boolean;
    /** Clickable only by a listener: dropped when a control inside it is listed (delegated listeners). */
    weak?: boolean;
  }
  const candidates: Candidate[] = [];
  const frameSlots: { slot: string; at: number }[] = [];
  const srOnly: Element[] = [];
  const labelled = new Set<Element>();
  const isFresh = (el: Element): boolean => ids.scrapes > 0 && !ids.seen.has(el);

  // A control whose own box is hidden may still be used through a visible label (custom checkboxes).
  const place = (el: Element, role: string, closed: boolean): void => {
    let target: Element = el;
    let rect = visibility.visibleRect(el);
    if (!rect && roles.isLabelable(el)) {
      for (const label of Array.from(el.labels ?? [])) {
        rect = labelled.has(label) ? null : visibility.visibleRect(label);
        if (rect) {
          target = label;
          labelled.add(label);
          break;
        }
      }
    }
    if (!rect || !visibility.isUsable(target, rect)) return;
    candidates.push({ target, control: el, role, rect, closed, fresh: isFresh(target) });
  };

  /** How an element without a role is clickable: by onclick or its cursor, only by a listener, or not. */
  const clickable = (el: Element, pointer: boolean, parentPointer: boolean): 'strong' | 'weak' | null => {
    if (el.tagName === 'LABEL' || el === document.body || el === document.documentElement) return null;
    if ((el as HTMLElement).onclick || el.hasAttribute('onclick') || (pointer && !parentPointer)) return 'strong';
    if (!hooks?.clickTargets.has(el)) return null;
    // A delegated listener on a page-sized container is not a control.
    const rect = el.getBoundingClientRect();
    return rect.width * rect.height < viewportArea / 2 ? 'weak' : null;
  };

  const visit = (el: Element, parentPointer: boolean, insideControl: boolean, closed: boolean): void => {
    const tag = el.tagName;
    if (SKIP.has(tag)) return;
    if (tag === 'LABEL') kit.names.noteLabel(el as HTMLLabelElement);
    const own = el.getAttribute(args.attribute);
    // A copy of a tagged node (cloned, or re-rendered from HTML) must not answer to the original's id.
    if (own !== null && ids.ids.get(el) !== own) el.removeAttribute(args.attribute);
    const style = getComputedStyle(el);
    if (style.display === 'none') {
      for (const copy of Array.from(el.querySelectorAll(`[${args.attribute}]`)))
        if (ids.ids.get(copy) !== copy.getAttribute(args.attribute)) copy.removeAttribute(args.attribute);
      const role = roles.roleOf(el);
      if (role) place(el, role, closed); // its label may still be visible
      return;
    }
    // Screen-reader-only text sits in a leaf clipped to a pixel (sr-only, visually-hidden classes).
    if (el.firstChild && el.childElementCount === 0 && (style.position === 'absolute' || style.position === 'fixed')) {
      const rect = el.getBoundingClientRect();
      if (
        (rect.width <= 1 || rect.height <= 1) &&
        (style.overflow === 'hidden' || style.clip !== 'auto' || style.clipPath !== 'none') &&
        el.textContent?.trim()
      )
        srOnly.push(el);
    }
    if (tag === 'IFRAME' || tag === 'FRAME') {
      el.removeAttribute(args.frameAttribute);
      const rect = visibility.visibleRect(el);
      if (rect && visibility.isUsable(el, rect)) {
        const slot = String(frameSlots.length);
        el.setAttribute(args.frameAttribute, slot);
        frameSlots.push({ slot, at: candidates.length });
      }
      return;
    }
    const pointer = !insideControl && style.cursor === 'pointer';
    let control = false;
    const role = roles.roleOf(el);
    if (role) {
      place(el, role, closed);
      control = true;
    } else if (!insideControl) {
      const how = clickable(el, pointer, parentPointer);
      const rect = how && !el.querySelector(roles.STRONG_SELECTOR) ? visibility.visibleRect(el) : null;
      if (rect && visibility.isUsable(el, rect)) {
        const weak = how === 'weak';
        candidates.push({ target: el, control: el, role: 'generic', rect, closed, fresh: isFresh(el), weak });
        control = !weak;
      }
    }
    if (tag === 'svg' || tag === 'SELECT') return; // icon internals and options hold nothing more to list
    const inner = insideControl || control;
    const shadow = kit.shadowOf(el);
    if (shadow) {
      const closedHere = closed || shadow !== el.shadowRoot;
      for (let child = shadow.firstElementChild; child; child = child.nextElementSibling)
        visit(child, pointer, inner, closedHere);
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling)
      visit(child, pointer, inner, closed);
  };
  visit(document.documentElement, false, false, false);

  // A combobox's open popup is folded into the combobox (its options stay listed on their own). A
  // listener-only element with a listed element inside holds a delegated listener, not a control:
  // candidates are in document order, so such an inner one comes right after it.
  const popups = new Set(candidates.filter((c) => c.role === 'combobox').map((c) => states.popupOf(c.control)));
  const shown = candidates
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => !(c.role === 'listbox' && popups.has(c.control)))
    .filter(({ c, index }) => {
      const next = candidates[index + 1];
      return !(c.weak && next && visibility.composedContains(c.target, next.target));
    });
  // Over the cap, keep what appeared since the last scrape, then what is nearest the viewport.
  let keep: Set<number> | undefined;
  if (shown.length < candidates.length || shown.length > args.maxElements) {
    keep = new Set(
      shown
        .map(({ c, index }) => ({ index, fresh: c.fresh, distance: visibility.distance(c.rect) }))
        .sort((a, b) => Number(b.fresh) - Number(a.fresh) || a.distance - b.distance || a.index - b.index)
        .slice(0, args.maxElements)
        .map((c) => c.index),
    );
  }
  const chosen = keep ? candidates.filter((_, index) => keep.has(index)) : candidates;
  // How many listed elements come before each candidate index: where a frame's elements go.
  const listedBefore: number[] = [];
  for (let i = 0, n = 0; i <= candidates.length; i++) {
    listedBefore.push(n);
    if (!keep || keep.has(i)) n++;
  }

  const elements: RawElement[] = [];
  const used = new Set<string>();
  ids.byId = new Map();
  for (const c of chosen) {
    let id = ids.ids.get(c.target);
    if (id === undefined || used.has(id)) {
      id = `${ids.prefix}${ids.next++}`;
      ids.ids.set(c.target, id);
    }
    used.add(id);
    if (c.target.getAttribute(args.attribute) !== id) c.target.setAttribute(args.attribute, id);
    ids.byId.set(id, new WeakRef(c.target));
    const r = c.rect;
    elements.push({
      id,
      ...states.describe(c.target, c.control, c.role),
      ...(c.fresh ? { new: true } : {}),
      ...(c.closed ? { inClosedShadow: true } : {}),
      distance: Math.round(visibility.distance(r)),
      rect: { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) },
    });
  }
  for (const c of candidates) ids.seen.add(c.target);
  ids.scrapes++;

  const frames: RawFrameSlot[] = frameSlots.map((f) => ({ slot: f.slot, index: listedBefore[f.at] }));
  const captcha = kit.captcha();
  return {
    url: location.href,
    title: document.title,
    elements,
    elementsTruncated: shown.length > args.maxElements,
    text: readText([...srOnly, ...listedText(chosen)]),
    frames,
    ...(captcha ? { captcha } : {}),
  };

  // Text the element list already carries, left out of the page text so a model does not pay for it twice:
  // listed selects (their options), short buttons and the labels of listed controls. Links stay, since
  // their words are often part of a sentence.
  function listedText(listed: Candidate[]): Element[] {
    const out: Element[] = [];
    const short = (el: Element) => (el.textContent ?? '').length <= 80;
    for (const c of listed) {
      const el = c.control;
      if (el instanceof HTMLSelectElement) out.push(el);
      else if ((el instanceof HTMLButtonElement || c.role === 'button') && short(el)) out.push(c.target);
      if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)
        for (const label of Array.from(el.labels ?? [])) if (short(label)) out.push(label);
    }
    return out;
  }

  // innerText with screen-reader-only clips (and text already listed) hidden for the moment of reading.
  // Inline styles, not a stylesheet: adding and removing a sheet restyles the whole document.
  function readText(hidden: Element[]): string {
    if (!document.body) return '';
    // Once each: a second save of the same element would read the first's `display: none` and restore it.
    const saved = [...new Set(hidden)]
      .filter((el): el is HTMLElement => el instanceof HTMLElement)
      .map((el) => {
        const style = el.getAttribute('style');
        el.style.setProperty('display', 'none', 'important');
        return { el, style };
      });
    const text = document.body.innerText;
    for (const { el, style } of saved) {
      if (style === null) el.removeAttribute('style');
      else el.setAttribute('style', style);
    }
    return text;
  }
}

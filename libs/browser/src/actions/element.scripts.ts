// Functions run inside the page through locator.evaluate / page.evaluate: self-contained, no imports.

export type ToggleKind = 'checkbox' | 'radio' | 'aria' | 'none';

export interface ToggleState {
  kind: ToggleKind;
  checked: boolean;
}

/** Checked state of a checkbox, radio or ARIA toggle; a label reports its control. */
export function readToggleState(el: Element): ToggleState {
  const control = el instanceof HTMLLabelElement ? (el.control ?? el) : el;
  if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) {
    return { kind: control.type, checked: control.checked };
  }
  const role = (control.getAttribute('role') ?? '').trim();
  if (['checkbox', 'radio', 'switch', 'menuitemcheckbox', 'menuitemradio'].includes(role)) {
    return {
      kind: role === 'radio' || role === 'menuitemradio' ? 'radio' : 'aria',
      checked: control.getAttribute('aria-checked') === 'true',
    };
  }
  return { kind: 'none', checked: false };
}

/** Options of a `<select>` (or a label's select), or null for anything else. */
export function readSelectOptions(el: Element): { value: string; label: string }[] | null {
  const control = el instanceof HTMLLabelElement ? el.control : el;
  if (!(control instanceof HTMLSelectElement)) return null;
  return Array.from(control.options).map((o) => ({
    value: o.value,
    label: (o.label || o.text).replace(/\s+/g, ' ').trim(),
  }));
}

/** Scrolls inside the element when it is a scroll container, else brings it into view. */
export function scrollElement(
  el: Element,
  direction: 'up' | 'down' | 'left' | 'right' | 'top' | 'bottom',
): 'scrolled' | 'revealed' {
  const style = getComputedStyle(el);
  const horizontal = direction === 'left' || direction === 'right';
  const scrollable = horizontal
    ? el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll', 'overlay'].includes(style.overflowX)
    : el.scrollHeight > el.clientHeight + 1 && ['auto', 'scroll', 'overlay'].includes(style.overflowY);
  if (!scrollable) {
    el.scrollIntoView({ block: 'center', inline: 'nearest' });
    return 'revealed';
  }
  if (direction === 'top' || direction === 'bottom')
    el.scrollTo({ top: direction === 'top' ? 0 : el.scrollHeight, behavior: 'instant' });
  else if (horizontal)
    el.scrollBy({ left: (direction === 'right' ? 1 : -1) * el.clientWidth * 0.85, behavior: 'instant' });
  else el.scrollBy({ top: (direction === 'down' ? 1 : -1) * el.clientHeight * 0.85, behavior: 'instant' });
  return 'scrolled';
}

/** Scrolls the page by most of a viewport; runs on the document's root element (so it takes a signal). */
export function scrollPage(_root: Element, direction: 'up' | 'down' | 'left' | 'right' | 'top' | 'bottom'): void {
  const root = document.scrollingElement ?? document.documentElement;
  if (direction === 'top' || direction === 'bottom')
    window.scrollTo({ top: direction === 'top' ? 0 : root.scrollHeight, behavior: 'instant' });
  else if (direction === 'left' || direction === 'right')
    window.scrollBy({ left: (direction === 'right' ? 1 : -1) * window.innerWidth * 0.85, behavior: 'instant' });
  else window.scrollBy({ top: (direction === 'down' ? 1 : -1) * window.innerHeight * 0.85, behavior: 'instant' });
}

/** Where the file input of an upload target is: the element itself, its label's control, or inside it. */
export interface FileInputState {
  where: 'self' | 'inside' | 'none';
  multiple: boolean;
  /** Names of the files it holds now. */
  files: string[];
}

export function readFileInput(el: Element): FileInputState {
  const isFile = (e: Element | null | undefined): e is HTMLInputElement =>
    e instanceof HTMLInputElement && e.type === 'file';
  const own = isFile(el) ? el : el instanceof HTMLLabelElement && isFile(el.control) ? el.control : null;
  const inside = own ? null : el.querySelector('input[type=file]');
  const input = own ?? (isFile(inside) ? inside : null);
  if (!input) return { where: 'none', multiple: false, files: [] };
  return {
    where: own ? 'self' : 'inside',
    multiple: input.multiple,
    files: Array.from(input.files ?? [], (f) => f.name),
  };
}

/**
 * True when a plain click on `el` can skip Playwright's actionability wait (two animation frames of a stable box,
 * then a hit test), because the page says the same now: the element is enabled and shown, its centre is in the
 * viewport and hits it (not an overlay), nothing in the document animates (no running CSS animation or
 * transition, no animation-frame callback pending in the page-idle watch). Anything else gets the full wait.
 */
export function readyForClick(el: Element): boolean {
  if (!el.isConnected || el.matches(':disabled') || el.closest('[aria-disabled="true"]')) return false;
  const watch = (window as unknown as Record<string, { frames?: Set<number> } | undefined>)['__webbyflowIdle'];
  if (!watch?.frames || watch.frames.size > 0) return false;
  if (document.getAnimations().some((animation) => animation.playState === 'running')) return false;
  const style = getComputedStyle(el);
  if (style.visibility !== 'visible' || style.pointerEvents === 'none') return false;
  const rect = el.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  if (rect.width < 1 || rect.height < 1 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  for (let node: Node | null = hit; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === el) return true;
  }
  return false;
}

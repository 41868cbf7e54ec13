// Functions run inside the page through locator.evaluate: self-contained, no imports, no module helpers.

/**
 * How a non-`<select>` control offers its options: `listbox` lists them inside itself, `popup` opens a
 * list when clicked, `typeahead` shows suggestions as you type, `datalist` is an input with a native list.
 */
export type DropdownKind = 'listbox' | 'popup' | 'typeahead' | 'datalist' | 'none';

export interface DropdownState {
  kind: DropdownKind;
  expanded: boolean;
}

export interface DropdownOption {
  value: string;
  label: string;
  /** The option's mark: `[mark="<index>"]` finds it again for the click. */
  index: number;
}

export function readDropdown(el: Element): DropdownState {
  const role = (el.getAttribute('role') ?? '').trim();
  const expanded = el.getAttribute('aria-expanded') === 'true';
  const textual = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
  if (el instanceof HTMLInputElement && el.list) return { kind: 'datalist', expanded };
  if (textual && (role === 'combobox' || el.hasAttribute('aria-autocomplete'))) return { kind: 'typeahead', expanded };
  if (role === 'listbox') return { kind: 'listbox', expanded: true };
  const popup = el.getAttribute('aria-haspopup');
  if (role === 'combobox' || (popup !== null && popup !== 'false') || el.hasAttribute('aria-controls'))
    return { kind: 'popup', expanded };
  return { kind: 'none', expanded };
}

/**
 * Visible options the control offers right now: inside it (a listbox), in the elements it names with
 * aria-controls/aria-owns, or else in any visible listbox or menu of the page (libraries render the
 * popup in a portal at the end of <body>). Each gets `mark="<index>"` for the click.
 */
export function collectDropdownOptions(el: Element, mark: string): DropdownOption[] {
  const OPTION = '[role=option], [role=menuitem], [role=menuitemradio], [role=treeitem]';
  const collapse = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
  const visible = (e: Element): boolean =>
    e.checkVisibility({ checkVisibilityCSS: true }) && e.getBoundingClientRect().width > 1;
  for (const old of Array.from(document.querySelectorAll(`[${mark}]`))) old.removeAttribute(mark);
  if (el instanceof HTMLInputElement && el.list) {
    return Array.from(el.list.options, (o, index) => ({ value: o.value, label: collapse(o.label || o.value), index }));
  }

  const root = el.getRootNode() as Document | ShadowRoot;
  const named = `${el.getAttribute('aria-controls') ?? ''} ${el.getAttribute('aria-owns') ?? ''}`
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id) ?? document.getElementById(id))
    .filter((e): e is HTMLElement => e !== null && visible(e));
  const containers = el.getAttribute('role') === 'listbox' ? [el] : named;
  const popups = containers.length
    ? containers
    : Array.from(document.querySelectorAll('[role=listbox], [role=menu]')).filter(visible);
  let options = popups.flatMap((p) => Array.from(p.querySelectorAll(OPTION)));
  if (options.length === 0) options = popups.flatMap((p) => Array.from(p.querySelectorAll('li')));
  return options
    .filter((o) => visible(o) && o.getAttribute('aria-disabled') !== 'true')
    .map((o, index) => {
      o.setAttribute(mark, String(index));
      const label = collapse(o.getAttribute('aria-label')) || collapse((o as HTMLElement).innerText);
      const value = o.getAttribute('data-value') ?? o.getAttribute('value') ?? label;
      return { value, label, index };
    });
}

/** Whether the control now shows the option: as its value or text, or as the selected option of its list. */
export function dropdownShows(el: Element, option: { value: string; label: string }): boolean {
  const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const label = norm(option.label);
  const value = norm(option.value);
  const shown =
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : (el as HTMLElement).innerText;
  const text = norm(shown);
  if (text && (text.includes(label) || text === value)) return true;
  const selected = Array.from(el.querySelectorAll('[aria-selected=true]'));
  return selected.some((o) => norm((o as HTMLElement).innerText).includes(label));
}

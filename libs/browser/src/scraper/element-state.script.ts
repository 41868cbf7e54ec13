// Runs inside the page as part of the scrape expression (scrape-expression.ts): self-contained, no imports,
// no module-level helpers.
import type { NameReader } from './element-name.script';
import type { RoleReader } from './element-role.script';
import type { RawElement, RawOption } from './scrape.types';

export type StateReader = ReturnType<typeof createStateReader>;

/** What the scrape reports of one element, before its id, box and place are known. */
export type ElementDescription = Omit<RawElement, 'id' | 'distance' | 'rect' | 'new' | 'inClosedShadow'>;

/**
 * Describes a listed element: role, name, value (passwords masked, file inputs as file names),
 * options (a `<select>`'s, or the visible options of a custom combobox's or listbox's popup) and state.
 * `target` carries the id (a visible label may stand in for a hidden control); `control` is the widget.
 */
export function createStateReader(roles: RoleReader, names: NameReader, isVisible: (el: Element) => boolean) {
  const FINGERPRINT_ATTRIBUTES = ['id', 'name', 'type', 'href', 'placeholder', 'aria-label', 'data-testid', 'title'];
  const NO_VALUE = new Set(['checkbox', 'radio', 'submit', 'reset', 'button', 'image']);
  const { collapse } = names;
  // `:user-invalid` (invalid after the person edited the field) is recent; older engines reject the selector.
  let userInvalid = true;
  try {
    document.documentElement.matches(':user-invalid');
  } catch {
    userInvalid = false;
  }

  const valueOf = (el: Element, role: string): string | undefined => {
    if (el instanceof HTMLInputElement) {
      if (el.type === 'password') return el.value ? '••••' : '';
      if (el.type === 'file') return Array.from(el.files ?? [], (f) => f.name).join(', ');
      return NO_VALUE.has(el.type) ? undefined : el.value;
    }
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return el.value;
    if (el instanceof HTMLElement && el.isContentEditable) return el.innerText;
    if (role === 'slider' || role === 'spinbutton')
      return el.getAttribute('aria-valuetext') ?? el.getAttribute('aria-valuenow') ?? undefined;
    return undefined;
  };

  const byIds = (el: Element, ids: string | null): Element[] => {
    const root = el.getRootNode() as Document | ShadowRoot;
    return (ids ?? '')
      .split(/\s+/)
      .map((id) => (id ? root.getElementById(id) : null))
      .filter((ref): ref is HTMLElement => ref !== null);
  };

  /** The popup listbox of a custom combobox (aria-controls/aria-owns, or nested), or the listbox itself. */
  const listboxOf = (el: Element, role: string): Element | null => {
    if (role === 'listbox') return el;
    if (role !== 'combobox') return null;
    const refs = [...byIds(el, el.getAttribute('aria-controls')), ...byIds(el, el.getAttribute('aria-owns'))];
    return (
      refs.find((ref) => roles.explicitRole(ref) === 'listbox') ??
      refs.find((ref) => ref.querySelector('[role=option]')) ??
      el.querySelector('[role=listbox]')
    );
  };

  const customOptions = (listbox: Element): RawOption[] | undefined => {
    if (!isVisible(listbox)) return undefined;
    const found = [
      ...Array.from(listbox.querySelectorAll('[role=option]')),
      ...byIds(listbox, listbox.getAttribute('aria-owns')).filter((ref) => roles.explicitRole(ref) === 'option'),
    ];
    const options = found.filter(isVisible).map((option) => {
      const label = names.nameOf(option);
      return {
        value: option.getAttribute('data-value') ?? label,
        label,
        selected: option.getAttribute('aria-selected') === 'true' || option.getAttribute('aria-checked') === 'true',
      };
    });
    return options.length ? options : undefined;
  };

  const optionsOf = (control: Element, role: string): RawOption[] | undefined => {
    if (control instanceof HTMLSelectElement) {
      return Array.from(control.options).map((o) => ({
        value: o.value,
        label: collapse(o.label || o.text),
        selected: o.selected,
      }));
    }
    const listbox = listboxOf(control, role);
    return listbox ? customOptions(listbox) : undefined;
  };

  const isInvalid = (control: Element): boolean => {
    const aria = control.getAttribute('aria-invalid');
    if (aria !== null && aria !== 'false') return true;
    return userInvalid && control.matches(':user-invalid');
  };

  const isReadonly = (control: Element): boolean =>
    ((control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) && control.readOnly) ||
    control.getAttribute('aria-readonly') === 'true';

  const attributesOf = (el: Element): Record<string, string> => {
    const attributes: Record<string, string> = {};
    for (const name of FINGERPRINT_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value) attributes[name] = value.slice(0, 200);
    }
    return attributes;
  };

  const describe = (target: Element, control: Element, role: string): ElementDescription => {
    const item: ElementDescription = {
      role,
      name: names.nameOf(control),
      tag: target.tagName.toLowerCase(),
      attributes: attributesOf(target),
    };
    if (control instanceof HTMLInputElement || control instanceof HTMLButtonElement) item.type = control.type;
    const value = valueOf(control, role);
    if (value !== undefined) item.value = value;
    const placeholder = control.getAttribute('placeholder') ?? control.getAttribute('aria-placeholder');
    if (placeholder) item.placeholder = placeholder;
    const options = optionsOf(control, role);
    if (options) item.options = options;
    if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio'))
      item.checked = control.checked;
    else if (roles.isToggle(role)) item.checked = control.getAttribute('aria-checked') === 'true';
    const selected = control.getAttribute('aria-selected');
    if (selected !== null) item.selected = selected === 'true';
    if (control.matches(':disabled') || control.closest('[aria-disabled="true"]')) item.disabled = true;
    if (isReadonly(control)) item.readonly = true;
    if ((control as HTMLInputElement).required || control.getAttribute('aria-required') === 'true')
      item.required = true;
    if (isInvalid(control)) item.invalid = true;
    const expanded = control.getAttribute('aria-expanded');
    if (expanded !== null) item.expanded = expanded === 'true';
    else if (control.tagName === 'SUMMARY' && control.parentElement instanceof HTMLDetailsElement)
      item.expanded = control.parentElement.open;
    if (target instanceof HTMLAnchorElement || target instanceof HTMLAreaElement) item.href = target.href;
    // A listbox's text is its options again.
    if (!(control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement) && role !== 'listbox') {
      const text = names.contentText(target, control === target ? null : control);
      if (text && text !== item.name) item.text = text;
    }
    return item;
  };

  /** The listbox a combobox opens, when it is on the page. */
  const popupOf = (control: Element): Element | null => listboxOf(control, 'combobox');

  return { describe, popupOf };
}

// Runs inside the page as part of the scrape expression (scrape-expression.ts): self-contained, no imports,
// no module-level helpers.

export type RoleReader = ReturnType<typeof createRoleReader>;

/** Roles of elements a person can operate: native controls and ARIA widgets. */
export function createRoleReader() {
  const ROLES = new Set(
    (
      'button link checkbox radio combobox textbox searchbox tab menuitem menuitemcheckbox menuitemradio ' +
      'switch option slider spinbutton listbox treeitem'
    ).split(' '),
  );
  const TOGGLE_ROLES = new Set(['checkbox', 'radio', 'switch', 'menuitemcheckbox', 'menuitemradio']);
  // Date, time and the other text-like types fall through to textbox; a file input is a button to click.
  const INPUT_ROLES: Record<string, string> = {
    button: 'button',
    submit: 'button',
    reset: 'button',
    image: 'button',
    file: 'button',
    color: 'button',
    checkbox: 'checkbox',
    radio: 'radio',
    range: 'slider',
    number: 'spinbutton',
    search: 'searchbox',
  };
  const NATIVE =
    'a[href],area[href],button,input:not([type=hidden]),select,textarea,summary,[contenteditable]:not([contenteditable=false])';
  /** Controls that make a clickable wrapper redundant: the control itself is listed. */
  const STRONG_SELECTOR = `${NATIVE},${[...ROLES].map((r) => `[role=${r}]`).join(',')}`;

  const explicitRole = (el: Element): string => {
    const role = el.getAttribute('role');
    return role ? role.trim().split(/\s+/)[0].toLowerCase() : '';
  };

  const nativeRole = (el: Element): string | null => {
    switch (el.tagName) {
      case 'A':
      case 'AREA':
        return el.hasAttribute('href') ? 'link' : null;
      case 'BUTTON':
      case 'SUMMARY':
        return 'button';
      case 'SELECT':
        return (el as HTMLSelectElement).multiple || (el as HTMLSelectElement).size > 1 ? 'listbox' : 'combobox';
      case 'TEXTAREA':
        return 'textbox';
      case 'INPUT': {
        const input = el as HTMLInputElement;
        if (input.type === 'hidden') return null;
        return INPUT_ROLES[input.type] ?? (input.hasAttribute('list') ? 'combobox' : 'textbox');
      }
      default:
        // Only the editing host, not every node inside it; the attribute test keeps this cheap.
        return el.hasAttribute('contenteditable') &&
          el instanceof HTMLElement &&
          el.isContentEditable &&
          !el.parentElement?.isContentEditable
          ? 'textbox'
          : null;
    }
  };

  const roleOf = (el: Element): string | null => {
    const role = explicitRole(el);
    return ROLES.has(role) ? role : nativeRole(el);
  };

  const isLabelable = (
    el: Element,
  ): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement =>
    el instanceof HTMLInputElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLButtonElement;

  return {
    roleOf,
    explicitRole,
    isLabelable,
    isToggle: (role: string): boolean => TOGGLE_ROLES.has(role),
    STRONG_SELECTOR,
  };
}

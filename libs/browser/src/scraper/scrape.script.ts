import type { RawElement, RawScrape, ScrapeScriptArgs } from './scrape.types';

/**
 * Runs inside the page (page.evaluate), so it must be self-contained: no imports, no module-level
 * helpers, nothing a coverage tool would instrument. Collects visible interactive elements in document
 * order (through open shadow roots), tags each with `attribute`, and reads the visible text.
 */
export function scrapeDom(args: ScrapeScriptArgs): RawScrape {
  const ROLES = new Set(
    (
      'button link checkbox radio combobox textbox searchbox tab menuitem menuitemcheckbox menuitemradio ' +
      'switch option slider spinbutton listbox treeitem'
    ).split(' '),
  );
  const TOGGLE_ROLES = new Set(['checkbox', 'radio', 'switch', 'menuitemcheckbox', 'menuitemradio']);
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
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE']);
  const INLINE = new Set('A ABBR B BDI CODE EM I LABEL MARK S SMALL SPAN STRONG SUB SUP U'.split(' '));
  const NATIVE =
    'a[href],area[href],button,input:not([type=hidden]),select,textarea,summary,[contenteditable]:not([contenteditable=false])';
  const STRONG_SELECTOR = `${NATIVE},${[...ROLES].map((r) => `[role=${r}]`).join(',')}`;
  const collapse = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

  // Every element in document order, shadow trees in place; stale ids from an earlier scrape are removed.
  const all: Element[] = [];
  const visit = (el: Element): void => {
    if (SKIP.has(el.tagName)) return;
    if (el.hasAttribute(args.attribute)) el.removeAttribute(args.attribute);
    all.push(el);
    if (el.shadowRoot) for (const child of Array.from(el.shadowRoot.children)) visit(child);
    for (const child of Array.from(el.children)) visit(child);
  };
  visit(document.documentElement);

  const isVisible = (el: Element): boolean => {
    if (!el.checkVisibility({ checkVisibilityCSS: true })) return false;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false; // zero-size or a screen-reader-only clip
    return el.closest('[aria-hidden="true"], [inert]') === null;
  };

  const explicitRole = (el: Element): string => collapse(el.getAttribute('role')).split(' ')[0];

  const nativeRole = (el: Element): string | null => {
    if (el instanceof HTMLAnchorElement || el instanceof HTMLAreaElement)
      return el.hasAttribute('href') ? 'link' : null;
    if (el instanceof HTMLButtonElement || el.tagName === 'SUMMARY') return 'button';
    if (el instanceof HTMLSelectElement) return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (el instanceof HTMLTextAreaElement) return 'textbox';
    if (el instanceof HTMLInputElement) {
      if (el.type === 'hidden') return null;
      return INPUT_ROLES[el.type] ?? (el.hasAttribute('list') ? 'combobox' : 'textbox');
    }
    if (el instanceof HTMLElement && el.isContentEditable && !el.parentElement?.isContentEditable) return 'textbox';
    return null;
  };

  const roleOf = (el: Element): string | null => {
    const role = explicitRole(el);
    return ROLES.has(role) ? role : nativeRole(el);
  };

  // Text of a subtree as a screen reader would name it: alt text, SVG titles and sr-only text count;
  // aria-hidden and display:none don't; `skip` (the labelled control) is left out.
  const contentText = (root: Node, skip: Element | null): string => {
    const parts: string[] = [];
    let length = 0;
    const walk = (node: Node, top: boolean): void => {
      if (length > 500) return;
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent ?? '';
        parts.push(text);
        length += text.length;
        return;
      }
      if (!(node instanceof Element) || node === skip || SKIP.has(node.tagName)) return;
      if (!top && (node.getAttribute('aria-hidden') === 'true' || !node.checkVisibility({ checkVisibilityCSS: true })))
        return;
      if (
        !top &&
        skip &&
        (node instanceof HTMLInputElement || node instanceof HTMLSelectElement || node instanceof HTMLTextAreaElement)
      )
        return;
      const aria = collapse(node.getAttribute('aria-label'));
      if (!top && aria) return void parts.push(` ${aria} `);
      if (node instanceof HTMLImageElement || node instanceof HTMLAreaElement)
        return void parts.push(` ${node.alt ?? ''} `);
      if (node.tagName.toLowerCase() === 'svg')
        return void parts.push(` ${node.querySelector('title')?.textContent ?? ''} `);
      const slotted = node instanceof HTMLSlotElement ? node.assignedNodes({ flatten: true }) : [];
      const children = slotted.length ? slotted : Array.from((node.shadowRoot ?? node).childNodes);
      for (const child of children) walk(child, false);
      if (!INLINE.has(node.tagName)) parts.push(' ');
    };
    walk(root, true);
    return collapse(parts.join(''));
  };

  const textOfIds = (el: Element, ids: string): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    return collapse(
      ids
        .split(/\s+/)
        .map((id) => {
          const ref = id ? root.getElementById(id) : null;
          return ref ? contentText(ref, null) : '';
        })
        .join(' '),
    );
  };

  const isLabelable = (
    el: Element,
  ): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement =>
    el instanceof HTMLInputElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLButtonElement;

  const iconFileName = (el: Element): string => {
    const img = el.querySelector('img[src]');
    const file = img ? ((img.getAttribute('src') ?? '').split(/[?#]/)[0].split('/').pop() ?? '') : '';
    try {
      return collapse(
        decodeURIComponent(file)
          .replace(/\.[a-z0-9]+$/i, '')
          .replace(/[-_]+/g, ' '),
      );
    } catch {
      return '';
    }
  };

  const nameOf = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    const fromIds = labelledBy ? textOfIds(el, labelledBy) : '';
    if (fromIds) return fromIds;
    const aria = collapse(el.getAttribute('aria-label'));
    if (aria) return aria;
    if (isLabelable(el) && el.labels?.length) {
      const label = collapse(
        Array.from(el.labels)
          .map((l) => contentText(l, el))
          .join(' '),
      );
      if (label) return label;
    }
    if (el instanceof HTMLInputElement) {
      if (['submit', 'reset', 'button'].includes(el.type))
        return collapse(el.value) || (el.type === 'reset' ? 'Reset' : el.type === 'submit' ? 'Submit' : '');
      if (el.type === 'image') return collapse(el.alt) || collapse(el.value);
    }
    const textual =
      el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
    const placeholder = collapse(el.getAttribute('placeholder'));
    if (textual) return placeholder || collapse(el.getAttribute('title'));
    return (
      contentText(el, null) ||
      collapse(el.getAttribute('title')) ||
      collapse(el.querySelector('[title]')?.getAttribute('title')) ||
      iconFileName(el)
    );
  };

  const valueOf = (el: Element, role: string): string | undefined => {
    if (el instanceof HTMLInputElement) {
      if (el.type === 'password') return el.value ? '••••' : '';
      return ['checkbox', 'radio', 'submit', 'reset', 'button', 'image'].includes(el.type) ? undefined : el.value;
    }
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return el.value;
    if (el instanceof HTMLElement && el.isContentEditable) return el.innerText;
    if (role === 'slider' || role === 'spinbutton')
      return el.getAttribute('aria-valuetext') ?? el.getAttribute('aria-valuenow') ?? undefined;
    return undefined;
  };

  const describe = (el: Element, control: Element, role: string, id: string): RawElement => {
    const item: RawElement = { id, role, name: nameOf(control), tag: el.tagName.toLowerCase() };
    if (control instanceof HTMLInputElement || control instanceof HTMLButtonElement) item.type = control.type;
    const value = valueOf(control, role);
    if (value !== undefined) item.value = value;
    const placeholder = control.getAttribute('placeholder');
    if (placeholder) item.placeholder = placeholder;
    if (control instanceof HTMLSelectElement) {
      item.options = Array.from(control.options).map((o) => ({
        value: o.value,
        label: collapse(o.label || o.text),
        selected: o.selected,
      }));
    }
    if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio'))
      item.checked = control.checked;
    else if (TOGGLE_ROLES.has(role)) item.checked = control.getAttribute('aria-checked') === 'true';
    if (control.matches(':disabled') || control.closest('[aria-disabled="true"]')) item.disabled = true;
    if ((control as HTMLInputElement).required || control.getAttribute('aria-required') === 'true')
      item.required = true;
    const expanded = control.getAttribute('aria-expanded');
    if (expanded !== null) item.expanded = expanded === 'true';
    else if (control.tagName === 'SUMMARY' && control.parentElement instanceof HTMLDetailsElement)
      item.expanded = control.parentElement.open;
    if (el instanceof HTMLAnchorElement || el instanceof HTMLAreaElement) item.href = el.href;
    if (!(control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement)) {
      const text = contentText(el, control === el ? null : control);
      if (text && text !== item.name) item.text = text;
    }
    return item;
  };

  // Decide what to list. Native controls and ARIA widgets always; a hidden checkbox or radio through
  // its visible label; [onclick] and pointer-cursor elements only as the outermost clickable without
  // a native control inside.
  const kept = new Set<Element>();
  const insideKept = (el: Element): boolean => {
    for (let p = el.parentElement; p; p = p.parentElement) if (kept.has(p)) return true;
    return false;
  };
  const elements: RawElement[] = [];
  let truncated = false;
  for (const el of all) {
    let role = roleOf(el);
    let target: Element | null = el;
    if (role) {
      if (!isVisible(el))
        target = isLabelable(el)
          ? (Array.from(el.labels ?? []).find((l) => !kept.has(l) && isVisible(l)) ?? null)
          : null;
    } else {
      if (el.tagName === 'LABEL' || el === document.body || el === document.documentElement) continue;
      const clickable =
        el.hasAttribute('onclick') ||
        (el instanceof HTMLElement && el.onclick !== null) ||
        (getComputedStyle(el).cursor === 'pointer' &&
          (!el.parentElement || getComputedStyle(el.parentElement).cursor !== 'pointer'));
      if (!clickable || !isVisible(el) || insideKept(el) || el.querySelector(STRONG_SELECTOR)) continue;
      role = 'generic';
    }
    if (!target) continue;
    if (elements.length >= args.maxElements) {
      truncated = true;
      break;
    }
    const id = `${args.idPrefix}${elements.length + 1}`;
    target.setAttribute(args.attribute, id);
    kept.add(target);
    elements.push(describe(target, el, role, id));
  }

  // Visible text: innerText with screen-reader-only clips hidden for the moment of reading.
  let text = '';
  if (document.body) {
    const hiddenMark = `${args.attribute}-sr`;
    for (const el of all) {
      if (!(el instanceof HTMLElement) || !el.textContent?.trim()) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width > 1 || rect.height > 1) continue;
      const style = getComputedStyle(el);
      if (style.overflow === 'hidden' || style.clip !== 'auto' || style.clipPath !== 'none')
        el.setAttribute(hiddenMark, '');
    }
    const style = document.createElement('style');
    style.textContent = `[${hiddenMark}] { display: none !important; }`;
    (document.head ?? document.documentElement).appendChild(style);
    text = document.body.innerText;
    style.remove();
    for (const el of all) if (el.hasAttribute(hiddenMark)) el.removeAttribute(hiddenMark);
  }

  return { url: location.href, title: document.title, elements, elementsTruncated: truncated, text };
}

// Runs inside the page as part of the scrape expression (scrape-expression.ts): self-contained, no imports,
// no module-level helpers.
import type { RoleReader } from './element-role.script';

export type NameReader = ReturnType<typeof createNameReader>;

/**
 * Accessible names as a screen reader computes them, close enough for a model: aria-labelledby,
 * aria-label, labels tied to the control, button values, placeholder/title, then the content (alt
 * text, SVG titles and sr-only text count), and for icon-only controls the icon's file name.
 * `shadowOf` opens closed shadow roots the scrape registered.
 */
export function createNameReader(roles: RoleReader, shadowOf: (el: Element) => ShadowRoot | null) {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const INLINE = new Set('A ABBR B BDI CODE EM I LABEL MARK S SMALL SPAN STRONG SUB SUP U'.split(' '));
  const collapse = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

  // `control.labels` searches the whole document on each call; the walk notes every <label> (shadow
  // trees included) and the first lookup indexes them by control once.
  const seenLabels: HTMLLabelElement[] = [];
  let labelIndex: Map<Element, HTMLLabelElement[]> | undefined;
  const noteLabel = (label: HTMLLabelElement): void => {
    seenLabels.push(label);
    labelIndex = undefined;
  };
  const labelsOf = (el: Element): HTMLLabelElement[] => {
    if (!labelIndex) {
      labelIndex = new Map();
      for (const label of seenLabels) {
        const control = label.control;
        if (!control) continue;
        const list = labelIndex.get(control);
        if (list) list.push(label);
        else labelIndex.set(control, [label]);
      }
    }
    return labelIndex.get(el) ?? [];
  };

  // Text of a subtree as a screen reader would name it: aria-hidden and display:none don't count;
  // `skip` (the labelled control) and, inside a label, other form fields are left out.
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
      const children = slotted.length ? slotted : Array.from((shadowOf(node) ?? node).childNodes);
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
    const labels = roles.isLabelable(el) ? labelsOf(el) : [];
    if (labels.length) {
      const label = collapse(labels.map((l) => contentText(l, el)).join(' '));
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

  return { nameOf, contentText, textOfIds, collapse, noteLabel };
}

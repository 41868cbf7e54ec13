import { TABLE_CELL_SEPARATOR, type ElementTreeV1, type ElementV1 } from '@webbyflow/contracts';
import type { RawElement, RawScrape } from './scrape.types';

export interface ElementTreeLimits {
  maxElements: number;
  maxTextChars: number;
}

/** Per-field caps, so one huge value can't crowd out the rest of the tree. */
const CAP = {
  name: 150,
  text: 100,
  value: 200,
  placeholder: 100,
  href: 150,
  optionLabel: 80,
  options: 50,
  url: 2_000,
  title: 200,
};

export function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** Same-origin links as path + query + hash; others in full; `javascript:` links dropped. */
export function shortHref(href: string, pageUrl: string): string | undefined {
  let target: URL;
  try {
    target = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  if (target.protocol === 'javascript:') return undefined;
  let page: URL | undefined;
  try {
    page = new URL(pageUrl);
  } catch {
    page = undefined;
  }
  const short =
    page && target.origin === page.origin ? `${target.pathname}${target.search}${target.hash}` : target.href;
  return clip(short, CAP.href);
}

/**
 * Page text a model can read: whitespace collapsed within lines, blank lines dropped, table cells
 * (innerText separates them with tabs) kept one tab apart so each row stays on one line.
 */
export function normalizePageText(raw: string): string {
  return raw
    .split(/\r?\n/)
    .map((line) =>
      line
        .split('\t')
        .map((cell) => cell.replace(/[^\S\n]+/g, ' ').trim())
        .filter((cell, i, cells) => cell !== '' || (i > 0 && i < cells.length - 1))
        .join(TABLE_CELL_SEPARATOR),
    )
    .filter((line) => /\S/.test(line))
    .join('\n');
}

/**
 * Drops the page-text lines that are nothing but a listed link's words (`Details`, a nav entry): the link's
 * element line already says them. Links inside a sentence or a table row stay.
 */
export function withoutLinkLines(text: string, links: readonly ElementV1[]): string {
  const words = new Set(links.flatMap((link) => [link.name, link.text ?? ''].filter((w) => w !== '')));
  if (words.size === 0) return text;
  return text
    .split('\n')
    .filter((line) => !words.has(line))
    .join('\n');
}

/** Cuts text to `max` characters, at a line end when one is near. */
export function capText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const cut = text.slice(0, max - 1);
  const lineEnd = cut.lastIndexOf('\n');
  return { text: `${lineEnd > 0 && lineEnd >= max - 500 ? cut.slice(0, lineEnd) : cut}…`, truncated: true };
}

export function toElement(raw: RawElement, pageUrl: string): { element: ElementV1; truncated: boolean } {
  const element: ElementV1 = { id: raw.id, role: raw.role, name: clip(raw.name, CAP.name), tag: raw.tag };
  let truncated = false;
  if (raw.type) element.type = raw.type;
  if (raw.value) element.value = clip(raw.value, CAP.value);
  if (raw.placeholder) element.placeholder = clip(raw.placeholder, CAP.placeholder);
  if (raw.options) {
    truncated = raw.options.length > CAP.options;
    element.options = raw.options.slice(0, CAP.options).map((o) => ({
      value: o.value,
      label: clip(o.label, CAP.optionLabel),
      ...(o.selected ? { selected: true } : {}),
    }));
  }
  if (raw.checked !== undefined) element.checked = raw.checked;
  if (raw.selected !== undefined) element.selected = raw.selected;
  if (raw.disabled) element.disabled = true;
  if (raw.readonly) element.readonly = true;
  if (raw.required) element.required = true;
  if (raw.invalid) element.invalid = true;
  if (raw.expanded !== undefined) element.expanded = raw.expanded;
  const href = raw.href ? shortHref(raw.href, pageUrl) : undefined;
  if (href) element.href = href;
  if (raw.text && raw.text !== raw.name) element.text = clip(raw.text, CAP.text);
  if (raw.new) element.new = true;
  // name and id attributes help the heuristic planner match payload keys; they are not shown to models
  if (raw.attributes.name) element.fieldName = raw.attributes.name;
  if (raw.attributes.id) element.domId = raw.attributes.id;
  return { element, truncated };
}

/** Indexes of the elements to keep under the cap: new ones first, then the nearest the viewport; in order. */
function keptIndexes(elements: readonly RawElement[], max: number): number[] {
  const all = elements.map((_, index) => index);
  if (elements.length <= max) return all;
  return all
    .sort(
      (a, b) =>
        Number(elements[b].new === true) - Number(elements[a].new === true) ||
        elements[a].distance - elements[b].distance ||
        a - b,
    )
    .slice(0, max)
    .sort((a, b) => a - b);
}

/**
 * Trims what the frames reported into the ElementTreeV1 sent onward: over the element cap, elements new
 * since the last scrape and those nearest the viewport are kept.
 */
export function buildElementTree(raw: RawScrape, limits: ElementTreeLimits): ElementTreeV1 {
  let truncated = raw.elementsTruncated || raw.elements.length > limits.maxElements;
  const elements = keptIndexes(raw.elements, limits.maxElements).map((index) => {
    const built = toElement(raw.elements[index], raw.url);
    truncated ||= built.truncated;
    return built.element;
  });
  const kept = elements.filter((element) => element.role === 'link');
  const text = capText(withoutLinkLines(normalizePageText(raw.text), kept), limits.maxTextChars);
  return {
    url: clip(raw.url, CAP.url),
    title: clip(raw.title.trim(), CAP.title),
    elements,
    text: text.text,
    truncated: truncated || text.truncated,
    ...(raw.captcha ? { captcha: raw.captcha } : {}),
  };
}

import type { ElementV1 } from '@webbyflow/contracts';

export interface ElementListOptions {
  maxElements: number;
  maxOptions: number;
  /** Longest quoted string (name, value, text…) before it is cut with `…`. */
  maxStringChars: number;
}

export const DEFAULT_ELEMENT_LIST_OPTIONS: ElementListOptions = {
  maxElements: 300,
  maxOptions: 25,
  maxStringChars: 120,
};

/**
 * One line per element: `[e3] textbox "Email" type=email value="" required`. Strings are JSON-quoted so
 * that page content cannot break the line format (docs/planner-protocol.md, "Element list").
 */
export function formatElementList(
  elements: readonly ElementV1[],
  truncated: boolean,
  options = DEFAULT_ELEMENT_LIST_OPTIONS,
): string {
  if (elements.length === 0) return '(no interactive elements)';
  const lines = elements.slice(0, options.maxElements).map((element) => formatElement(element, options));
  const hidden = elements.length - lines.length;
  if (hidden > 0) lines.push(`(${hidden} more elements not shown)`);
  if (truncated) lines.push('(the page was larger than the scraper budget: scroll to see more)');
  return lines.join('\n');
}

export function formatElement(element: ElementV1, options = DEFAULT_ELEMENT_LIST_OPTIONS): string {
  const q = (text: string) => quote(text, options.maxStringChars);
  const role = (element.role || element.tag || 'element').replace(/\s+/g, '_');
  const parts = [`[${element.id}]`, role, q(element.name)];
  if (element.type && element.type !== role && !(role === 'textbox' && element.type === 'text'))
    parts.push(`type=${element.type}`);
  if (element.value !== undefined) parts.push(`value=${q(element.value)}`);
  if (element.placeholder) parts.push(`placeholder=${q(element.placeholder)}`);
  if (element.text && element.text !== element.name) parts.push(`text=${q(element.text)}`);
  if (element.href) parts.push(`href=${q(element.href)}`);
  if (element.checked !== undefined) parts.push(element.checked ? 'checked' : 'unchecked');
  if (element.expanded !== undefined) parts.push(element.expanded ? 'expanded' : 'collapsed');
  if (element.required) parts.push('required');
  if (element.disabled) parts.push('disabled');
  if (element.options && element.options.length > 0) parts.push(formatOptions(element.options, options));
  return parts.join(' ');
}

/** `options=[""="Choose…", "sales"="Sales"*]`: `"value"="label"`, or `"label"` when equal; `*` = selected. */
function formatOptions(list: NonNullable<ElementV1['options']>, options: ElementListOptions): string {
  const q = (text: string) => quote(text, options.maxStringChars);
  const shown = list.slice(0, options.maxOptions).map((option) => {
    const pair = option.value === option.label ? q(option.label) : `${q(option.value)}=${q(option.label)}`;
    return option.selected ? `${pair}*` : pair;
  });
  if (list.length > shown.length) shown.push(`…+${list.length - shown.length} more`);
  return `options=[${shown.join(', ')}]`;
}

export function quote(text: string, max: number): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

import type { ElementTreeV1, ElementV1 } from '../payloads/element.schemas';

/**
 * The element list of planner protocol v1 (docs/planner-protocol.md, "Element list"): one line per element,
 * `[e3] textbox "Email" type=email value="" required`. It lives beside the contracts because two services
 * need the same text: browser-svc measures it against the tree's token budget, llm-svc sends it.
 */
export interface ElementListOptions {
  /** Safety cap on lines; the token budget normally cuts first. */
  maxElements: number;
  maxOptions: number;
  /** Longest quoted string (name, value, text…) before it is cut with `…`. */
  maxStringChars: number;
}

export const DEFAULT_ELEMENT_LIST_OPTIONS: ElementListOptions = {
  maxElements: 1_000,
  maxOptions: 25,
  maxStringChars: 120,
};

export function formatElementList(
  tree: Pick<ElementTreeV1, 'elements' | 'truncated' | 'budget'>,
  options = DEFAULT_ELEMENT_LIST_OPTIONS,
): string {
  const { elements } = tree;
  if (elements.length === 0 && !tree.budget?.omittedElements) return '(no interactive elements)';
  const lines = elements.slice(0, options.maxElements).map((element) => formatElement(element, options));
  const hidden = elements.length - lines.length + (tree.budget?.omittedElements ?? 0);
  if (hidden > 0) lines.push(`(${hidden} more elements not shown to fit the budget: scroll to bring others into view)`);
  else if (tree.truncated) lines.push('(the page was larger than the scraper budget: scroll to see more)');
  return lines.join('\n');
}

/** Input types a role already says: `spinbutton` is a number field, `searchbox` a search field… */
const IMPLIED_TYPE: Record<string, string> = {
  textbox: 'text',
  spinbutton: 'number',
  searchbox: 'search',
  slider: 'range',
};

/** `*` marks an element that appeared since the last action. */
export function formatElement(element: ElementV1, options = DEFAULT_ELEMENT_LIST_OPTIONS): string {
  const q = (text: string) => quote(text, options.maxStringChars);
  const role = (element.role || element.tag || 'element').replace(/\s+/g, '_');
  const parts = [`${element.new ? '*' : ''}[${element.id}]`, role, q(element.name)];
  if (element.type && element.type !== role && IMPLIED_TYPE[role] !== element.type) parts.push(`type=${element.type}`);
  // a select's value is its `*` option; repeating it costs tokens and says nothing new
  const selected = element.options?.find((option) => option.selected);
  if (element.value !== undefined && !(selected && selected.value === element.value))
    parts.push(`value=${q(element.value)}`);
  if (element.placeholder) parts.push(`placeholder=${q(element.placeholder)}`);
  if (element.text && element.text !== element.name) parts.push(`text=${q(element.text)}`);
  if (element.href) parts.push(`href=${q(element.href)}`);
  if (element.checked !== undefined) parts.push(element.checked ? 'checked' : 'unchecked');
  if (element.selected) parts.push('selected');
  if (element.expanded !== undefined) parts.push(element.expanded ? 'expanded' : 'collapsed');
  if (element.required) parts.push('required');
  if (element.readonly) parts.push('readonly');
  if (element.invalid) parts.push('invalid');
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

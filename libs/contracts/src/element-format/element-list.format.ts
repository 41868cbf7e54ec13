import type { ElementTreeV1, ElementV1 } from '../payloads/element.schemas';
import {
  BARE_HREF,
  clip,
  formatHref,
  formatName,
  formatOptionPart,
  formatValue,
  REPEAT_WORD,
} from './element-line.grammar';

/**
 * The element list of planner protocol v2 (docs/planner-protocol.md, "Elements"): one line per element,
 * `e3 textbox Email type=email required` (a link with a bare href: `e4 /p/1 Details`), and one line per
 * repeat of the group above it,
 * `e16-e19 same /p/1`. It lives beside the contracts because two services need the same text:
 * browser-svc measures it against the tree's token budget, llm-svc sends it.
 */
export interface ElementListOptions {
  /** Safety cap on lines; the token budget normally cuts first. */
  maxElements: number;
  maxOptions: number;
  /** Longest string (name, value, text…) before it is cut with `…`. */
  maxStringChars: number;
}

export const DEFAULT_ELEMENT_LIST_OPTIONS: ElementListOptions = {
  maxElements: 1_000,
  maxOptions: 25,
  maxStringChars: 120,
};

/** Largest group a repeat line stands for: product cards, table rows with a few controls. */
const MAX_GROUP = 8;

export function formatElementList(
  tree: Pick<ElementTreeV1, 'elements' | 'truncated' | 'budget'>,
  options = DEFAULT_ELEMENT_LIST_OPTIONS,
): string {
  const { elements } = tree;
  if (elements.length === 0 && !tree.budget?.omittedElements) return '(no interactive elements)';
  const shown = elements.slice(0, options.maxElements);
  const lines = foldRepeats(shown.map((element) => describe(element, options)));
  const hidden = elements.length - shown.length + (tree.budget?.omittedElements ?? 0);
  if (hidden > 0) lines.push(`(${hidden} more elements not shown to fit the budget: scroll to bring others into view)`);
  else if (tree.truncated) lines.push('(the page was larger than the scraper budget: scroll to see more)');
  return lines.join('\n');
}

/** One element's line, as it is written when it does not repeat the group above. */
export function formatElement(element: ElementV1, options = DEFAULT_ELEMENT_LIST_OPTIONS): string {
  return lineOf(describe(element, options));
}

/** Input types a role already says: `spinbutton` is a number field, `searchbox` a search field… */
const IMPLIED_TYPE: Record<string, string> = {
  textbox: 'text',
  spinbutton: 'number',
  searchbox: 'search',
  slider: 'range',
};

interface Described {
  id: string;
  isNew: boolean;
  role: string;
  /** Name and the `key=value` attributes before the href. */
  body: string;
  /** Role and body: what a repeat must have the same. */
  head: string;
  href?: string;
  /** States and options, after the href. */
  tail: string;
}

function describe(element: ElementV1, options: ElementListOptions): Described {
  const cut = (text: string) => clip(text, options.maxStringChars);
  const role = (element.role || element.tag || 'element').replace(/\s+/g, '_');
  const head = [formatName(cut(element.name))];
  if (element.type && element.type !== role && IMPLIED_TYPE[role] !== element.type)
    head.push(`type=${formatValue(cut(element.type))}`);
  // a select's value is its `*` option; an empty value is left out
  const selected = element.options?.find((option) => option.selected);
  if (element.value && !(selected && selected.value === element.value))
    head.push(`value=${formatValue(cut(element.value))}`);
  if (element.placeholder) head.push(`placeholder=${formatValue(cut(element.placeholder))}`);
  if (element.text && element.text !== element.name) head.push(`text=${formatValue(cut(element.text))}`);
  const states: Array<string | false | undefined> = [
    element.checked !== undefined && (element.checked ? 'checked' : 'unchecked'),
    element.selected && 'selected',
    element.expanded !== undefined && (element.expanded ? 'expanded' : 'collapsed'),
    element.required && 'required',
    element.readonly && 'readonly',
    element.invalid && 'invalid',
    element.disabled && 'disabled',
  ];
  const tail = states.filter((state): state is string => typeof state === 'string');
  if (element.options && element.options.length > 0) tail.push(formatOptions(element.options, options));
  return {
    id: element.id,
    isNew: element.new === true,
    role,
    body: head.join(' '),
    head: `${role} ${head.join(' ')}`,
    ...(element.href ? { href: formatHref(cut(element.href)) } : {}),
    tail: tail.map((part) => ` ${part}`).join(''),
  };
}

/** A link with a bare href is written href first, with no role: `e7 /p/1 Details`. */
function lineOf(d: Described): string {
  const star = d.isNew ? '*' : '';
  if (d.role === 'link' && d.href !== undefined && BARE_HREF.test(d.href))
    return `${star}${d.id} ${d.href} ${d.body}${d.tail}`;
  return `${star}${d.id} ${d.head}${d.href === undefined ? '' : ` ${d.href}`}${d.tail}`;
}

/**
 * Each element's line, except where the next k elements (2 to MAX_GROUP) repeat the k above them in all but
 * their ids and at most one href: those become `e16-e19 same /p/1`. The ids must run on, so the
 * range names every element, and the href belongs to the one element of the group that has one.
 */
function foldRepeats(list: readonly Described[]): string[] {
  const lines: string[] = [];
  let group = 0; // elements the last line stood for when it was a repeat, else 0
  let singles = 0; // element lines written in a row just above
  for (let i = 0; i < list.length;) {
    const sizes = group > 0 ? [group] : sizesUpTo(Math.min(MAX_GROUP, singles));
    let repeat: { size: number; line: string } | undefined;
    for (const size of sizes) {
      const line = repeatLine(list, i, size);
      if (line) {
        repeat = { size, line };
        break;
      }
    }
    if (repeat) {
      lines.push(repeat.line);
      i += repeat.size;
      group = repeat.size;
      singles = 0;
    } else {
      lines.push(lineOf(list[i]));
      i++;
      group = 0;
      singles++;
    }
  }
  return lines;
}

/** 2, 3, … max: a group of one would save too little to be worth the indirection. */
function sizesUpTo(max: number): number[] {
  return Array.from({ length: Math.max(max - 1, 0) }, (_, n) => n + 2);
}

function repeatLine(list: readonly Described[], at: number, size: number): string | undefined {
  if (at + size > list.length || at < size) return undefined;
  const above = list.slice(at - size, at);
  const run = list.slice(at, at + size);
  const range = idRange(run);
  if (!range || run.some((d) => d.isNew !== run[0].isNew)) return undefined;
  const changed: string[] = [];
  for (let j = 0; j < size; j++) {
    const [a, r] = [above[j], run[j]];
    if (a.head !== r.head || a.tail !== r.tail || (a.href === undefined) !== (r.href === undefined)) return undefined;
    if (a.href !== r.href && r.href !== undefined) changed.push(r.href);
  }
  if (changed.length > 1) return undefined;
  if (changed.length === 1 && above.filter((a) => a.href !== undefined).length !== 1) return undefined;
  const href = changed.length === 1 ? ` ${changed[0]}` : '';
  return `${run[0].isNew ? '*' : ''}${range} ${REPEAT_WORD}${href}`;
}

/** `e16-e19` when the ids are e16, e17, e18, e19 (same frame, numbers in a row). */
function idRange(run: readonly Described[]): string | undefined {
  const parsed = run.map((d) => /^((?:f\d+)?e)(\d+)$/.exec(d.id));
  const [first] = parsed;
  if (!first) return undefined;
  const ok = parsed.every((m, j) => m && m[1] === first[1] && m[2] === String(Number(first[2]) + j));
  return ok ? `${run[0].id}-${run[run.length - 1].id}` : undefined;
}

/** `[""="Choose…"*, sales=Sales]`: `value=label`, or `label` when equal; `*` = selected. */
function formatOptions(list: NonNullable<ElementV1['options']>, options: ElementListOptions): string {
  const part = (text: string) => formatOptionPart(clip(text, options.maxStringChars));
  const shown = list.slice(0, options.maxOptions).map((option) => {
    const pair = option.value === option.label ? part(option.label) : `${part(option.value)}=${part(option.label)}`;
    return option.selected ? `${pair}*` : pair;
  });
  if (list.length > shown.length) shown.push(`…+${list.length - shown.length} more`);
  return `[${shown.join(', ')}]`;
}

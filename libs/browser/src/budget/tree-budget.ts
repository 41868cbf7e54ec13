import { DEFAULT_ELEMENT_LIST_OPTIONS, formatElement, type ElementTreeV1, type ElementV1 } from '@webbyflow/contracts';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/** Share of the budget the element list may take when the page text wants the rest. */
const ELEMENT_SHARE = 0.7;
/** The page text keeps at least this many tokens when there is text (headings, error messages). */
const MIN_TEXT_TOKENS = 200;
/** The list's last line when elements were left out: `(N more elements not shown to fit the budget: …)`. */
const OMITTED_NOTICE =
  tokensOf('(99999 more elements not shown to fit the budget: scroll to bring others into view)') + 1;

/** Tokens as OpenAI's o200k_base counts them (gpt-4o and later); other vendors' tokenizers land close. */
export function tokensOf(text: string): number {
  return text ? countTokens(text) : 0;
}

/**
 * Fits the tree into `maxTokens` of the planner's text — the element lines exactly as llm-svc renders them,
 * plus the page text — and records what was left out in `tree.budget`. Elements are kept by priority: new
 * since the last action, then by `rank` (lower first; the scraper ranks by distance from the viewport), then
 * document order; they are listed in document order. Only the lines considered are tokenised, so the cost
 * follows the budget, not the page size.
 */
export function fitTreeToBudget(
  tree: ElementTreeV1,
  maxTokens: number,
  rank: (element: ElementV1, index: number) => number = (_, index) => index,
): ElementTreeV1 {
  const textTokens = tokensOf(tree.text);
  const textReserve = Math.min(textTokens, Math.max(MIN_TEXT_TOKENS, Math.floor(maxTokens * (1 - ELEMENT_SHARE))));
  const { kept, tokens: elementTokens, complete } = pickElements(tree.elements, maxTokens - textReserve, rank);
  // Text may use whatever the elements left, and the elements what the text does not need.
  const text = cutText(tree.text, textTokens, maxTokens - elementTokens);
  const elements = complete ? tree.elements : kept.map((index) => tree.elements[index]);
  const omittedElements = tree.elements.length - elements.length;
  // a cut text ends with the `…` marker, which is not page text
  const shownChars = text === tree.text ? text.length : Math.max(text.length - 1, 0);
  return {
    ...tree,
    elements,
    text,
    truncated: tree.truncated || omittedElements > 0 || text !== tree.text,
    budget: {
      maxTokens,
      tokens: elementTokens + (text === tree.text ? textTokens : tokensOf(text)),
      omittedElements,
      omittedTextChars: tree.text.length - shownChars,
    },
  };
}

function pickElements(
  elements: readonly ElementV1[],
  allowance: number,
  rank: (element: ElementV1, index: number) => number,
): { kept: number[]; tokens: number; complete: boolean } {
  const order = elements
    .map((element, index) => ({ index, isNew: element.new === true, rank: rank(element, index) }))
    .sort((a, b) => Number(b.isNew) - Number(a.isNew) || a.rank - b.rank || a.index - b.index);
  const kept: Array<{ index: number; cost: number }> = [];
  let used = 0;
  let misses = 0;
  for (const { index } of order) {
    // one line per element, joined with newlines: the newline is the +1
    const cost = tokensOf(formatElement(elements[index], DEFAULT_ELEMENT_LIST_OPTIONS)) + 1;
    if (used + cost > allowance) {
      // a shorter line further down may still fit, but stop looking once the list is clearly full
      if (++misses > 20) break;
      continue;
    }
    kept.push({ index, cost });
    used += cost;
  }
  const complete = kept.length === elements.length;
  // A list that leaves elements out ends with a line saying so: make room for it, dropping the lowest-ranked.
  if (!complete) {
    used += OMITTED_NOTICE;
    while (used > allowance && kept.length > 0) used -= kept.pop()!.cost;
  }
  return { kept: kept.map((k) => k.index).sort((a, b) => a - b), tokens: used, complete };
}

/** The longest prefix of `text` within `tokens`, ending at a line end when one is near, marked with `…`. */
function cutText(text: string, textTokens: number, tokens: number): string {
  if (textTokens <= tokens) return text;
  if (tokens <= 1) return '';
  // Characters per token of this text, then shrink until it fits: one or two tokeniser passes in practice.
  let chars = Math.floor((text.length * (tokens - 1)) / textTokens);
  let cut = atLineEnd(text, chars);
  while (cut.length > 0 && tokensOf(cut) + 1 > tokens) {
    chars = Math.floor(chars * 0.9);
    cut = atLineEnd(text, chars);
  }
  return cut ? `${cut}…` : '';
}

function atLineEnd(text: string, chars: number): string {
  const cut = text.slice(0, Math.max(chars, 0));
  const lineEnd = cut.lastIndexOf('\n');
  return lineEnd > 0 && lineEnd >= chars - 300 ? cut.slice(0, lineEnd) : cut;
}

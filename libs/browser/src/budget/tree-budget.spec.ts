import { formatElementList, type ElementTreeV1, type ElementV1 } from '@webbyflow/contracts';
import { fitTreeToBudget, tokensOf } from './tree-budget';

const link = (i: number, extra: Partial<ElementV1> = {}): ElementV1 => ({
  id: `e${i}`,
  role: 'link',
  name: `Product ${i}: deluxe widget, model ${i * 7}`,
  tag: 'a',
  href: `/products/${i}?ref=list`,
  ...extra,
});
const tree = (elements: ElementV1[], text = ''): ElementTreeV1 => ({
  url: 'http://127.0.0.1/list',
  title: 'List',
  elements,
  text,
  truncated: false,
});
/** What llm-svc sends for the tree: the element list and the page text. */
const rendered = (t: ElementTreeV1) => tokensOf(formatElementList(t)) + tokensOf(t.text);

describe('fitTreeToBudget', () => {
  it('should keep everything and record the tokens used when the tree fits', () => {
    const input = tree([link(1), link(2)], 'Hello\nWorld');

    const fitted = fitTreeToBudget(input, 10_000);

    expect(fitted.elements).toEqual(input.elements);
    expect(fitted.text).toBe(input.text);
    expect(fitted.truncated).toBe(false);
    expect(fitted.budget).toEqual({
      maxTokens: 10_000,
      tokens: expect.any(Number),
      omittedElements: 0,
      omittedTextChars: 0,
    });
    expect(fitted.budget!.tokens).toBeGreaterThan(20);
  });

  it('should stay within the budget as the planner renders it and say how much it left out', () => {
    const elements = Array.from({ length: 2_000 }, (_, i) => link(i));
    const text = Array.from({ length: 3_000 }, (_, i) => `Row ${i} | order 3f2a1b0c-${i} | €${i}.99`).join('\n');

    const fitted = fitTreeToBudget(tree(elements, text), 10_000);

    expect(rendered(fitted)).toBeLessThanOrEqual(10_000);
    expect(rendered(fitted)).toBeGreaterThan(9_000); // the budget is used, not wasted
    expect(fitted.truncated).toBe(true);
    expect(fitted.budget!.omittedElements).toBe(2_000 - fitted.elements.length);
    expect(fitted.budget!.omittedElements).toBeGreaterThan(0);
    expect(fitted.budget!.omittedTextChars).toBe(text.length - (fitted.text.length - 1));
    expect(fitted.text.endsWith('…')).toBe(true);
    expect(text.startsWith(fitted.text.slice(0, -1))).toBe(true);
  });

  it('should count hex ids and non-Latin text by the real tokenizer, not by characters', () => {
    const elements = Array.from({ length: 400 }, (_, i) =>
      link(i, { name: `${i.toString(16).padStart(4, '0')}9f8a7c6b5d4e3f2a1b0c 日本語のテキスト` }),
    );

    const fitted = fitTreeToBudget(tree(elements), 2_000);

    expect(rendered(fitted)).toBeLessThanOrEqual(2_000);
  });

  it('should keep new elements first, then the best-ranked, and list them in document order', () => {
    const elements = Array.from({ length: 300 }, (_, i) => link(i, i === 250 ? { new: true } : {}));
    // rank: elements 100..199 are "in the viewport"
    const rank = (_: ElementV1, i: number) => (i >= 100 && i < 200 ? 0 : 1 + Math.abs(i - 150));

    const fitted = fitTreeToBudget(tree(elements), 1_500, rank);
    const ids = fitted.elements.map((e) => Number(e.id.slice(1)));

    expect(ids).toContain(250);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.filter((i) => i >= 100 && i < 200).length).toBeGreaterThan(20);
    expect(ids).not.toContain(0);
  });

  it('should leave the page text room when the elements alone would fill the budget', () => {
    const elements = Array.from({ length: 2_000 }, (_, i) => link(i));
    const text = 'Error: the card was declined.\n'.repeat(100);

    const fitted = fitTreeToBudget(tree(elements, text), 3_000);

    expect(tokensOf(fitted.text)).toBeGreaterThanOrEqual(200);
    expect(fitted.text).toContain('Error: the card was declined.');
  });
});

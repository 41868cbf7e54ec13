import { buildElementTree, capText, normalizePageText, shortHref, toElement } from './element-tree.builder';
import type { RawElement, RawScrape } from './scrape.types';

/** A raw element with the page-side details the builder leaves out. */
const el = (fields: Pick<RawElement, 'id' | 'role' | 'name' | 'tag'> & Partial<RawElement>): RawElement => ({
  distance: 0,
  attributes: {},
  rect: { x: 0, y: 0, width: 10, height: 10 },
  ...fields,
});

const raw = (overrides: Partial<RawScrape> = {}): RawScrape => ({
  url: 'http://127.0.0.1:8080/contact',
  title: ' Contact ',
  elements: [],
  elementsTruncated: false,
  text: '',
  ...overrides,
});

describe(normalizePageText.name, () => {
  it('should collapse whitespace and drop blank lines when text is ragged', () => {
    expect(normalizePageText('  Hello \u00a0  world \n\n\n  Next   line  ')).toBe('Hello world\nNext line');
  });

  it('should keep one tab between table cells and collapse the spaces inside them', () => {
    expect(normalizePageText('Order\tDate\tAmount\nA-1\t2026-01-14\t€42.50\n')).toBe(
      'Order\tDate\tAmount\nA-1\t2026-01-14\t€42.50',
    );
  });

  it('should keep empty middle cells when a row has gaps', () => {
    expect(normalizePageText('A\t\tC')).toBe('A\t\tC');
  });
});

describe(capText.name, () => {
  it('should leave text alone when it fits', () => {
    expect(capText('short', 10)).toEqual({ text: 'short', truncated: false });
  });

  it('should cut at a line end and mark truncation when text is too long', () => {
    const result = capText('line one\nline two\nline three', 20);
    expect(result).toEqual({ text: 'line one\nline two…', truncated: true });
  });
});

describe(shortHref.name, () => {
  it('should drop the origin when the link is same-origin', () => {
    expect(shortHref('http://127.0.0.1:8080/a/b?x=1#top', 'http://127.0.0.1:8080/contact')).toBe('/a/b?x=1#top');
  });

  it('should keep the full URL when the link is cross-origin', () => {
    expect(shortHref('https://example.org/x', 'http://127.0.0.1:8080/')).toBe('https://example.org/x');
  });

  it('should return undefined when the link is javascript:', () => {
    expect(shortHref('javascript:void(0)', 'http://127.0.0.1:8080/')).toBeUndefined();
  });
});

describe(toElement.name, () => {
  it('should omit empty fields and text equal to the name when building an element', () => {
    const { element } = toElement(
      el({ id: 'e1', role: 'button', name: 'Submit', tag: 'button', type: 'submit', value: '', text: 'Submit' }),
      'http://x/',
    );
    expect(element).toEqual({ id: 'e1', role: 'button', name: 'Submit', tag: 'button', type: 'submit' });
  });

  it('should cap options and report truncation when a select is huge', () => {
    const options = Array.from({ length: 80 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}`, selected: i === 3 }));
    const { element, truncated } = toElement(
      el({ id: 'e2', role: 'combobox', name: 'Country', tag: 'select', options }),
      'http://x/',
    );
    expect(element.options).toHaveLength(50);
    expect(element.options?.[3]).toEqual({ value: 'v3', label: 'Option 3', selected: true });
    expect(element.options?.[4]).toEqual({ value: 'v4', label: 'Option 4' });
    expect(truncated).toBe(true);
  });

  it('should clip a long name when a label is verbose', () => {
    const { element } = toElement(el({ id: 'e3', role: 'link', name: 'x'.repeat(500), tag: 'a' }), 'http://x/');
    expect(element.name).toHaveLength(150);
    expect(element.name.endsWith('…')).toBe(true);
  });

  it('should carry state flags and the id attribute and drop locator details when the element has them', () => {
    const { element } = toElement(
      el({
        id: 'f2e4',
        role: 'textbox',
        name: 'Start date',
        tag: 'input',
        type: 'date',
        value: '2026-03-01',
        readonly: true,
        invalid: true,
        selected: false,
        new: true,
        inClosedShadow: true,
        attributes: { id: 'start' },
      }),
      'http://x/',
    );
    expect(element).toEqual({
      id: 'f2e4',
      role: 'textbox',
      name: 'Start date',
      tag: 'input',
      type: 'date',
      value: '2026-03-01',
      readonly: true,
      invalid: true,
      selected: false,
      new: true,
      domId: 'start',
    });
  });
});

describe(buildElementTree.name, () => {
  it('should cap elements and text and set truncated when the page is large', () => {
    const elements = Array.from({ length: 5 }, (_, i) =>
      el({ id: `e${i + 1}`, role: 'link', name: `L${i}`, tag: 'a' }),
    );
    const tree = buildElementTree(raw({ elements, text: 'a'.repeat(1_000) }), { maxElements: 3, maxTextChars: 100 });
    expect(tree.elements.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(tree.text).toHaveLength(100);
    expect(tree.truncated).toBe(true);
    expect(tree.title).toBe('Contact');
  });

  it('should report not truncated when everything fits', () => {
    const tree = buildElementTree(raw({ text: 'Hello' }), { maxElements: 10, maxTextChars: 100 });
    expect(tree).toEqual({
      url: 'http://127.0.0.1:8080/contact',
      title: 'Contact',
      elements: [],
      text: 'Hello',
      truncated: false,
    });
  });

  it('should keep new elements, then the nearest the viewport, in document order when over the cap', () => {
    const elements = [
      el({ id: 'e1', role: 'link', name: 'far', tag: 'a', distance: 3_000 }),
      el({ id: 'e2', role: 'link', name: 'near', tag: 'a', distance: 0 }),
      el({ id: 'e3', role: 'link', name: 'farther', tag: 'a', distance: 5_000 }),
      el({ id: 'e4', role: 'link', name: 'new', tag: 'a', distance: 9_000, new: true }),
    ];
    const tree = buildElementTree(raw({ elements }), { maxElements: 2, maxTextChars: 100 });
    expect(tree.elements.map((e) => e.id)).toEqual(['e2', 'e4']);
    expect(tree.truncated).toBe(true);
  });

  it('should drop text lines that only repeat a listed link when the link stands on its own line', () => {
    const tree = buildElementTree(
      raw({
        elements: [
          el({ id: 'e1', role: 'link', name: 'Details', tag: 'a', href: '/p/1' }),
          el({ id: 'e2', role: 'link', name: '#10000', tag: 'a', href: '/o/10000' }),
          el({ id: 'e3', role: 'button', name: 'Garden item 1', tag: 'button' }),
        ],
        text: 'Garden item 1\nDetails\n#10000\t9.99\tOpen\nSee Details below',
      }),
      { maxElements: 10, maxTextChars: 1_000 },
    );
    expect(tree.text).toBe('Garden item 1\n#10000\t9.99\tOpen\nSee Details below');
  });

  it('should report the CAPTCHA when a frame found one', () => {
    expect(buildElementTree(raw({ captcha: 'hcaptcha' }), { maxElements: 10, maxTextChars: 100 }).captcha).toBe(
      'hcaptcha',
    );
  });

  it('should carry the script flag when the page had more candidates than it tagged', () => {
    expect(buildElementTree(raw({ elementsTruncated: true }), { maxElements: 10, maxTextChars: 100 }).truncated).toBe(
      true,
    );
  });
});

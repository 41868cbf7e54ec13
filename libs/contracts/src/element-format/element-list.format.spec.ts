import { contactFormTree } from '@webbyflow/testing';
import type { ElementV1 } from '../payloads/element.schemas';
import { DEFAULT_ELEMENT_LIST_OPTIONS, formatElement, formatElementList } from './element-list.format';
import { parseElementList, type ListedElement } from './element-list.parse';

const el = (id: string, role: string, name: string, extra: Partial<ElementV1> = {}): ElementV1 => ({
  id,
  role,
  name,
  tag: role === 'link' ? 'a' : 'input',
  ...extra,
});
const list = (elements: ElementV1[]) => formatElementList({ elements, truncated: false });

/** A product card: link, quantity, variant select, button. */
const card = (first: number, href: string, extra: Partial<ElementV1> = {}): ElementV1[] => [
  el(`e${first}`, 'link', 'Details', { href, ...extra }),
  el(`e${first + 1}`, 'spinbutton', 'Qty', { type: 'number', value: '1', ...extra }),
  el(`e${first + 2}`, 'combobox', 'Variant', {
    tag: 'select',
    value: 'S',
    options: [
      { value: 'S', label: 'Small', selected: true },
      { value: 'L', label: 'Large' },
    ],
    ...extra,
  }),
  el(`e${first + 3}`, 'button', 'Add to cart', { tag: 'button', ...extra }),
];

/** What a line must give back: the element as the list shows it. */
function expected(element: ElementV1): Pick<ListedElement, 'id' | 'role' | 'name' | 'isNew' | 'values' | 'options'> {
  const selected = element.options?.find((o) => o.selected);
  const values: ListedElement['values'] = {};
  if (element.type && !['text', 'number', 'search'].includes(element.type) && element.type !== element.role)
    values.type = element.type;
  if (element.value && !(selected && selected.value === element.value)) values.value = element.value;
  if (element.placeholder) values.placeholder = element.placeholder;
  if (element.text && element.text !== element.name) values.text = element.text;
  if (element.href) values.href = element.href;
  return {
    id: element.id,
    role: element.role,
    name: element.name,
    isNew: element.new === true,
    values,
    options: (element.options ?? []).map((o) => ({ ...o, selected: o.selected === true })),
  };
}

describe('formatElementList', () => {
  it('should write one compact line per element when nothing repeats', () => {
    expect(formatElementList(contactFormTree())).toBe(
      [
        'e11 textbox Your name * required',
        'e12 textbox Email address * type=email placeholder=you@example.com required',
        'e13 combobox Topic * required [""="Choose a topic…"*, sales=Sales, support="Technical support", billing=Billing, other="Something else"]',
        'e14 textbox Message * required',
        'e15 checkbox Subscribe to our newsletter unchecked',
        'e16 textbox Leave this empty',
        'e17 button Submit type=submit',
        'e18 button Help',
      ].join('\n'),
    );
    expect(
      list([
        el('e6', 'button', 'Go', { new: true }),
        el('f2e1', 'link', 'Help', { href: 'https://h.example/faq?q=1' }),
      ]),
    ).toBe('*e6 button Go\nf2e1 https://h.example/faq?q=1 Help');
  });

  it('should quote a name only when a reader could not tell where it ends', () => {
    expect(formatElement(el('e1', 'button', 'Save'))).toBe('e1 button Save');
    expect(formatElement(el('e1', 'button', ''))).toBe('e1 button ""');
    expect(formatElement(el('e1', 'checkbox', 'Mark as required'))).toBe('e1 checkbox "Mark as required"');
    expect(formatElement(el('e1', 'button', 'Set type=bold'))).toBe('e1 button "Set type=bold"');
    expect(formatElement(el('e1', 'button', 'Yes / No'))).toBe('e1 button "Yes / No"');
    expect(formatElement(el('e1', 'button', '"Quoted"'))).toBe('e1 button "\\"Quoted\\""');
    expect(formatElement(el('e1', 'button', 'two\nlines'))).toBe('e1 button "two\\nlines"');
    expect(formatElement(el('e1', 'button', 'A required field'))).toBe('e1 button "A required field"');
    expect(formatElement(el('e1', 'button', 'Requirements'))).toBe('e1 button Requirements');
  });

  it('should fold a group that repeats the one above into a same line with the href that differs', () => {
    const text = list([...card(12, '/p/0'), ...card(16, '/p/1'), ...card(20, '/p/2')]);
    expect(text).toBe(
      [
        'e12 /p/0 Details',
        'e13 spinbutton Qty value=1',
        'e14 combobox Variant [S=Small*, L=Large]',
        'e15 button Add to cart',
        'e16-e19 same /p/1',
        'e20-e23 same /p/2',
      ].join('\n'),
    );
  });

  it('should not fold when ids do not run on, anything but one href differs, or only some are new', () => {
    const gap = list([
      ...card(12, '/p/0'),
      ...card(16, '/p/1').map((e, i) => (i < 2 ? e : { ...e, id: `e${17 + i}` })),
    ]);
    expect(gap).not.toContain('same');
    expect(list([...card(12, '/p/0'), ...card(30, '/p/1')])).toContain('e30-e33 same /p/1');
    const otherValue = list([
      ...card(12, '/p/0'),
      ...card(16, '/p/1').map((e, i) => (i === 1 ? { ...e, value: '2' } : e)),
    ]);
    expect(otherValue).toContain('e17 spinbutton Qty value=2');
    const partlyNew = list([
      ...card(12, '/p/0'),
      ...card(16, '/p/1').map((e, i) => (i === 0 ? { ...e, new: true } : e)),
    ]);
    expect(partlyNew).not.toContain('same');
    const allNew = list([...card(12, '/p/0'), ...card(16, '/p/1', { new: true })]);
    expect(allNew).toContain('*e16-e19 same /p/1');
  });

  it('should mark new elements and end with the budget notice', () => {
    const text = formatElementList({
      elements: [
        el('e1', 'button', 'Old', { tag: 'button' }),
        el('e9', 'button', 'Appeared', { tag: 'button', new: true }),
      ],
      truncated: true,
      budget: { maxTokens: 100, tokens: 90, omittedElements: 4, omittedTextChars: 0 },
    });
    expect(text).toBe(
      'e1 button Old\n*e9 button Appeared\n(4 more elements not shown to fit the budget: scroll to bring others into view)',
    );
  });

  it('should cut long strings and long option lists', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
    const line = formatElement(el('e1', 'combobox', 'x'.repeat(200), { options }), DEFAULT_ELEMENT_LIST_OPTIONS);
    expect(line).toContain(`${'x'.repeat(119)}…`);
    expect(line).toContain(', …+5 more]');
    expect(parseElementList(line)[0]).toMatchObject({ moreOptions: 5, name: `${'x'.repeat(119)}…` });
  });
});

describe('parseElementList', () => {
  const awkward: ElementV1[] = [
    el('e1', 'textbox', 'Email', { type: 'email', value: 'ada@example.com', placeholder: 'you@example.com' }),
    el('e2', 'textbox', 'Password', { type: 'password', value: '••••', required: true, invalid: true }),
    el('e3', 'button', 'Say "hi" required', { tag: 'button', new: true }),
    el('e4', 'combobox', 'Size, colour', {
      tag: 'select',
      options: [
        { value: '', label: 'Pick one, please', selected: true },
        { value: 'a=b', label: 'A*B [x]' },
        { value: '…', label: '…' },
      ],
    }),
    el('e5', 'link', 'Read more', { href: '/a path/with spaces', text: 'Read more about it' }),
    el('e6', 'link', 'Visit http://x.y', { href: 'relative/page' }),
    el('e7', 'tab', 'Second', { selected: true, expanded: false, disabled: true, readonly: true }),
    el('e8', 'checkbox', '', { checked: true }),
    el('e9', 'textbox', ' padded ', { value: 'two words' }),
    ...card(10, '/p/0'),
    ...card(14, 'https://other.example/p/1'),
    ...card(18, '/p/2 with space'),
    el('f3e1', 'button', 'In a frame', { tag: 'button' }),
  ];

  it('should read back every id, role, name, value, option and new mark the list shows', () => {
    const text = list(awkward);
    expect(text).toContain('e14-e17 same https://other.example/p/1');
    expect(text).toContain('e18-e21 same href="/p/2 with space"');
    expect(parseElementList(text).map((e) => ({ ...e, flags: undefined, moreOptions: undefined }))).toEqual(
      awkward.map((e) => ({ ...expected(e), flags: undefined, moreOptions: undefined })),
    );
  });

  it('should read states as flags', () => {
    const [tab, box] = parseElementList(list([awkward[6], awkward[7]]));
    expect(tab.flags).toEqual(['selected', 'collapsed', 'readonly', 'disabled']);
    expect(box.flags).toEqual(['checked']);
  });

  it('should skip lines that are not element lines and reject a repeat with nothing above', () => {
    expect(parseElementList('(no interactive elements)\nURL: http://x\n- step 1: click e4 -> ok')).toEqual([]);
    expect(() => parseElementList('e5-e8 same /p/1')).toThrow(/no group of 4 above/);
  });
});

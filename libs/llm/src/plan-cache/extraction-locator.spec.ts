import { learnExtraction, replayExtraction } from './extraction-locator';

describe(learnExtraction.name, () => {
  it('should learn the label before a value, or the line above a value on its own line', () => {
    const text = 'Order placed\nOrder number: A-17 (keep it)\nTotal\n42.50\nPaid: yes';
    const locators = learnExtraction({ order: 'A-17', total: 42.5, paid: true }, text.replace('42.50', '42.5'));
    expect(locators).toEqual([
      { field: 'order', kind: 'string', before: 'Order number: ', after: ' (keep it)' },
      { field: 'total', kind: 'number', before: '', after: '', previousLine: 'Total' },
      { field: 'paid', kind: 'boolean', before: 'Paid: ', after: '' },
    ]);
    expect(
      replayExtraction(locators!, 'Order placed\nOrder number: B-99 (keep it)\nTotal\n1,024.00\nPaid: no'),
    ).toEqual({
      order: 'B-99',
      total: 1024,
      paid: false,
    });
  });

  it('should give up when a value is missing, ambiguous or nested', () => {
    expect(learnExtraction({ id: 'X1' }, 'nothing here')).toBeUndefined();
    expect(learnExtraction({ id: 'X1' }, 'Ref: X1\nAgain: X1')).toBeUndefined();
    expect(learnExtraction({ items: ['a'] }, 'a')).toBeUndefined();
    expect(learnExtraction('plain', 'plain')).toBeUndefined();
  });
});

describe(replayExtraction.name, () => {
  it('should miss when the anchor is gone or the value does not convert', () => {
    const locators = learnExtraction({ total: 5 }, 'Sum: 5 EUR')!;
    expect(replayExtraction(locators, 'Sum: 7 EUR')).toEqual({ total: 7 });
    expect(replayExtraction(locators, 'Error: card declined')).toBeUndefined();
    expect(replayExtraction(locators, 'Sum: n/a EUR')).toBeUndefined();
  });
});

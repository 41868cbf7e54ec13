import { describeOptions, matchSelectOption } from './select-option.matcher';

const options = [
  { value: '', label: 'Choose a topic…' },
  { value: 'sales', label: 'Sales' },
  { value: 'support', label: 'Technical support' },
  { value: 'billing', label: 'Billing' },
  { value: 'other', label: 'Something else' },
];

describe(matchSelectOption.name, () => {
  it('should match by value when the value is given', () => {
    expect(matchSelectOption(options, 'support')?.value).toBe('support');
  });

  it('should match by label when the label is given', () => {
    expect(matchSelectOption(options, 'Technical support')?.value).toBe('support');
  });

  it('should match ignoring case and spacing when the label is sloppy', () => {
    expect(matchSelectOption(options, '  technical   SUPPORT ')?.value).toBe('support');
  });

  it('should match a unique partial label when only part is given', () => {
    expect(matchSelectOption(options, 'else')?.value).toBe('other');
  });

  it('should return undefined when the partial label is ambiguous', () => {
    expect(
      matchSelectOption(
        [
          { value: 'a', label: 'Pro monthly' },
          { value: 'b', label: 'Pro yearly' },
        ],
        'pro',
      ),
    ).toBeUndefined();
  });

  it('should return undefined when nothing matches', () => {
    expect(matchSelectOption(options, 'Refunds')).toBeUndefined();
  });

  it('should prefer the exact value when a label equals another value', () => {
    const tricky = [
      { value: 'b', label: 'a' },
      { value: 'a', label: 'x' },
    ];
    expect(matchSelectOption(tricky, 'a')?.value).toBe('a');
  });
});

describe(describeOptions.name, () => {
  it('should list labels and the total when there are many', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ value: `${i}`, label: `L${i}` }));
    expect(describeOptions(many, 2)).toBe('"L0", "L1", … (20 in all)');
  });
});

import type { ElementV1 } from '@webbyflow/contracts';
import { chooseOption, formatDate, formatPhone, formatValue, toBoolean } from './value-formatter';

const field = (over: Partial<ElementV1>): ElementV1 => ({
  id: 'e1',
  role: 'textbox',
  name: 'Field',
  tag: 'input',
  ...over,
});

describe('formatValue', () => {
  it('should write ISO dates when the input is type=date and the value is a written date', () => {
    expect(formatValue(field({ type: 'date' }), 'February 14, 2027', 'February 14, 2027', false)).toMatchObject({
      action: { type: 'input_text', text: '2027-02-14' },
    });
  });

  it('should follow the placeholder when a text field asks for MM/DD/YYYY', () => {
    expect(formatValue(field({ placeholder: 'MM/DD/YYYY' }), '2027-02-14', '2027-02-14', false)).toMatchObject({
      action: { text: '02/14/2027' },
    });
  });

  it('should say already when the field holds the value', () => {
    expect(formatValue(field({ value: 'Ada' }), 'Ada', 'Ada', false)).toEqual({ kind: 'already' });
  });

  it('should refuse a value that is not yes or no when the element is a checkbox', () => {
    expect(formatValue(field({ role: 'checkbox', type: 'checkbox' }), 'maybe', 'maybe', false).kind).toBe('misfit');
  });

  it('should keep the placeholder as typed text when the value is secret', () => {
    const out = formatValue(field({ type: 'password' }), 'hunter2', '{{payload.password}}', true);
    expect(out).toMatchObject({ action: { text: '{{payload.password}}' } });
  });
});

describe('chooseOption', () => {
  const options = [
    { value: '', label: 'Choose…' },
    { value: 'us', label: 'United States' },
    { value: 'gb', label: 'United Kingdom' },
  ];

  it('should pick by value or label when either equals the payload value', () => {
    expect(chooseOption(options, 'GB')).toEqual({ label: 'United Kingdom', fit: 1 });
    expect(chooseOption(options, 'united states')).toEqual({ label: 'United States', fit: 1 });
  });

  it('should pick nothing when two options fit equally', () => {
    expect(chooseOption(options, 'United')).toBeUndefined();
  });
});

describe('formatPhone / formatDate / toBoolean', () => {
  it('should lay digits into the placeholder pattern when the counts agree', () => {
    expect(formatPhone('+1 555 010 9999', '+1 (555) 555-0100')).toBe('+1 (555) 010-9999');
    expect(formatPhone('030 12345678', '(555) 555-0100')).toBe('030 12345678');
  });

  it('should read dates and booleans in the usual spellings', () => {
    expect(formatDate('2027-2-4', 'dd.mm.yyyy')).toBe('04.02.2027');
    expect(toBoolean('Yes')).toBe(true);
    expect(toBoolean('off')).toBe(false);
  });
});

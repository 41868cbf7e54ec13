import { similarity, words } from './text-match';

describe('similarity', () => {
  it.each([
    ['email', 'Email address *', 0.9],
    ['e_mail', 'E-mail', 1],
    ['firstName', 'Given name', 0.9],
    ['last_name', 'Family name', 0.9],
    ['zip', 'Postal code', 0.9],
    ['phone', 'Mobile', 0.9],
    ['name', 'Your name *', 0.9],
    ['confirmation_number', 'Confirmation number', 1],
  ])('should score %s against "%s" as %s when they name the same thing', (key, label, score) => {
    expect(similarity(key, label)).toBe(score);
  });

  it.each([
    ['name', 'Last name'],
    ['address', 'Email address'],
    ['name', 'Username'],
    ['city', 'Message'],
  ])('should score %s against "%s" as 0 when the label names something else', (key, label) => {
    expect(similarity(key, label)).toBe(0);
  });

  it('should split camelCase, snake_case and punctuation when reading words', () => {
    expect(words('billingAddress_line-1 *')).toEqual(['billing', 'address', 'line', '1']);
  });
});

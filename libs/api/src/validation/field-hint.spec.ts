import { z } from 'zod';
import { describeField } from './field-hint';

describe(describeField.name, () => {
  it.each([
    [z.number().int().min(1).max(100).default(10), 'must be an integer between 1 and 100'],
    [z.number().min(0), 'must be a number of at least 0'],
    [z.string().min(1).max(40), 'must be text of 1 to 40 characters'],
    [z.url().nullable().default(null), 'must be an absolute http or https URL, e.g. https://example.com/ or null'],
    [z.iso.datetime(), 'must be a string in date-time format'],
    [z.record(z.string(), z.unknown()), 'must be a JSON object'],
    [z.array(z.string()), 'must be an array'],
    [z.array(z.string()).max(50).optional(), 'must be an array of at most 50 items'],
    [z.boolean(), 'must be true or false'],
    [z.enum(['queued', 'running']).optional(), 'must be one of queued, running'],
  ])('should describe %# in words when a value is invalid', (schema, expected) => {
    expect(describeField(schema)).toBe(expected);
  });
});

import { JSON_LIMITS, jsonLimitProblem } from './json-limits';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe(jsonLimitProblem.name, () => {
  it('should accept a body within every bound', () => {
    expect(jsonLimitProblem({ goal: 'ok 😀', payload: { list: [1, 'a', null], deep: nested(20) } })).toBeNull();
  });

  it('should name the path where the body nests too deep, even thousands of levels down', () => {
    expect(jsonLimitProblem({ payload: nested(10_000) })).toEqual({
      field: `payload${'.a'.repeat(JSON_LIMITS.maxDepth - 1)}`,
      message: 'is nested too deep: JSON may nest 32 levels at most',
    });
  });

  it.each([
    ['a NUL', { goal: 'a\u0000b' }, 'goal'],
    ['an unpaired high surrogate', { payload: { name: 'x\ud800' } }, 'payload.name'],
    ['an unpaired low surrogate', { payload: ['\udc00'] }, 'payload[0]'],
  ])('should name the field when a string holds %s', (_case, body, field) => {
    expect(jsonLimitProblem(body)).toEqual({ field, message: expect.stringContaining('NUL character') });
  });

  it('should name a key that Postgres cannot store or that is too long', () => {
    expect(jsonLimitProblem({ payload: { 'a\u0000': 1 } })?.field).toBe('payload.a\u0000');
    expect(jsonLimitProblem({ ['k'.repeat(300)]: 1 })?.message).toBe('has a name that is over 256 characters');
  });

  it('should answer the array, string or whole body that is over its count', () => {
    expect(jsonLimitProblem({ list: new Array(1001).fill(0) })).toEqual({
      field: 'list',
      message: 'has over 1000 items',
    });
    expect(jsonLimitProblem({ text: 'x'.repeat(100_001) })?.field).toBe('text');
    const wide = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, new Array(1000).fill(i)]));
    expect(jsonLimitProblem(wide)).toEqual({ field: 'body', message: 'has over 10000 JSON values' });
  });
});

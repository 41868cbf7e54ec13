import { OutputValidator } from './output-validator';

describe(OutputValidator.name, () => {
  const validator = new OutputValidator();
  const schema = { type: 'object', required: ['n'], properties: { n: { type: 'string', pattern: '^WF-' } } };

  it('should accept data when it matches the schema', () => {
    expect(validator.check(schema, { n: 'WF-1' })).toEqual({ ok: true });
  });

  it('should name the failing path when data does not match', () => {
    const result = validator.check(schema, { n: 42 });
    expect(result).toMatchObject({ ok: false });
    expect(result.ok === false && result.problems).toContain('/n');
  });

  it('should accept anything when there is no schema', () => {
    expect(validator.check(null, undefined)).toEqual({ ok: true });
  });
});

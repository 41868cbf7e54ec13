import { JsonSchemaChecker } from './json-schema.checker';

describe(JsonSchemaChecker.name, () => {
  const checker = new JsonSchemaChecker();

  it('should accept a draft 2020-12 schema with formats and unknown keywords when it compiles', () => {
    const schema = { type: 'object', properties: { at: { type: 'string', format: 'date-time' } }, 'x-ui': 1 };
    expect(checker.problemWith(schema)).toBeNull();
  });

  it('should accept the same $id twice when separate requests send it', () => {
    const schema = { $id: 'https://example.com/order', type: 'object' };
    expect(checker.problemWith(schema)).toBeNull();
    expect(checker.problemWith({ ...schema })).toBeNull();
  });

  it.each([
    ['a wrong type name', { type: 'texte' }],
    ['a reference it cannot resolve', { $ref: 'https://example.com/elsewhere.json' }],
    ['a non-array required', { type: 'object', required: 'name' }],
  ])('should report a problem when the schema has %s', (_case, schema) => {
    expect(checker.problemWith(schema)).toEqual(expect.any(String));
  });
});

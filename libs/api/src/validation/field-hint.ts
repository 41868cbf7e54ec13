import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * What a valid value of `field` looks like, in words, read from the field's JSON Schema so the hint
 * follows the contract when its bounds change: `must be an integer between 1 and 100`.
 */
export function describeField(field: z.ZodType): string {
  return `must be ${describe(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }))}`;
}

function describe(schema: JsonSchema): string {
  const variants = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : null;
  if (variants) {
    const nullable = variants.some((v) => v.type === 'null');
    const described = variants.filter((v) => v.type !== 'null').map(describe);
    return [...described, ...(nullable ? ['null'] : [])].join(' or ');
  }
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(', ')}`;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return describeNumber(schema);
    case 'string':
      return describeString(schema);
    case 'object':
      return 'a JSON object';
    case 'array':
      return typeof schema.maxItems === 'number' ? `an array of at most ${schema.maxItems} items` : 'an array';
    case 'boolean':
      return 'true or false';
    default:
      return 'a valid value';
  }
}

function describeNumber(schema: JsonSchema): string {
  const noun = schema.type === 'integer' ? 'an integer' : 'a number';
  const [min, max] = [num(schema.minimum), num(schema.maximum)];
  if (min !== undefined && max !== undefined) return `${noun} between ${min} and ${max}`;
  if (min !== undefined) return `${noun} of at least ${min}`;
  if (max !== undefined) return `${noun} of at most ${max}`;
  return noun;
}

function describeString(schema: JsonSchema): string {
  if (schema.format === 'uri') return 'an absolute http or https URL, e.g. https://example.com/';
  if (typeof schema.format === 'string') return `a string in ${schema.format} format`;
  const [min, max] = [num(schema.minLength), num(schema.maxLength)];
  if (min !== undefined && max !== undefined) return `text of ${min} to ${max} characters`;
  if (min !== undefined) return `text of at least ${min} characters`;
  if (max !== undefined) return `text of at most ${max} characters`;
  return 'text';
}

import type { FieldProblem } from '../errors/api.exception';
import { fieldName } from './field-name';

/** Bounds on any JSON body, beyond its byte size; documented in the README's "Errors". */
export interface JsonLimits {
  /** Objects and arrays inside each other (the body itself is level 1). */
  maxDepth: number;
  /** Values of any kind in the whole body. */
  maxValues: number;
  maxArrayItems: number;
  /** Characters in one string value. */
  maxStringLength: number;
  /** Characters in one object key. */
  maxKeyLength: number;
}

export const JSON_LIMITS: JsonLimits = {
  maxDepth: 32,
  maxValues: 10_000,
  maxArrayItems: 1_000,
  maxStringLength: 100_000,
  maxKeyLength: 256,
};

// Postgres stores neither NUL nor a lone UTF-16 surrogate (text and jsonb both refuse them).
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Frame = { value: unknown; path: PropertyKey[]; depth: number };

/**
 * The first place where a parsed JSON body breaks `limits`, or null. Walks without recursion:
 * JSON.parse accepts bodies nested far deeper than a recursive walk (or JSON.stringify) survives.
 */
export function jsonLimitProblem(body: unknown, limits: JsonLimits = JSON_LIMITS): FieldProblem | null {
  const stack: Frame[] = [{ value: body, path: [], depth: 1 }];
  let values = 0;
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { value, path, depth } = frame;
    const at = (message: string): FieldProblem => ({ field: path.length ? fieldName(path) : 'body', message });
    if (++values > limits.maxValues) return { field: 'body', message: `has over ${limits.maxValues} JSON values` };
    if (typeof value === 'string') {
      const problem = stringProblem(value, limits.maxStringLength);
      if (problem) return at(problem);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) return at(`is nested too deep: JSON may nest ${limits.maxDepth} levels at most`);
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems) return at(`has over ${limits.maxArrayItems} items`);
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i], depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = stringProblem(key, limits.maxKeyLength);
      if (keyProblem) return { field: fieldName([...path, key]), message: `has a name that ${keyProblem}` };
      stack.push({ value: item, path: [...path, key], depth: depth + 1 });
    }
  }
  return null;
}

function stringProblem(text: string, maxLength: number): string | null {
  if (text.length > maxLength) return `is over ${maxLength} characters`;
  if (UNSTORABLE.test(text)) return 'contains a NUL character or an unpaired surrogate (\\u0000, \\ud800…); remove it';
  return null;
}

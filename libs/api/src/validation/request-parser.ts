import type { z } from 'zod';
import { ApiException, ApiExceptionCode, type FieldProblem } from '../errors/api.exception';
import { describeField } from './field-hint';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * Validates a request body with its zod schema (STYLE.md §6) and answers VALIDATION_FAILED naming
 * every bad field, as the client spelled it, with what to send instead.
 */
export function parseRequest<S extends z.ZodObject>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = fieldProblems(schema, body, result.error.issues);
  const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ');
  throw new ApiException(ApiExceptionCode.VALIDATION_FAILED, `the request body is invalid: ${summary}`, { fields });
}

export function fieldProblems(schema: z.ZodObject, body: unknown, issues: readonly Issue[]): FieldProblem[] {
  const problems = new Map<string, string>();
  const add = (field: string, message: string) => {
    if (!problems.has(field)) problems.set(field, message);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = issue.path.length === 0 ? `send only ${Object.keys(schema.shape).join(', ')}` : 'remove it';
      for (const key of issue.keys) add(fieldName([...issue.path, key]), `is not a known field; ${allowed}`);
    } else if (issue.path.length === 0) {
      add('body', 'must be a JSON object; send Content-Type: application/json');
    } else {
      add(fieldName(issue.path), messageOf(schema, body, issue));
    }
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

function messageOf(schema: z.ZodObject, body: unknown, issue: Issue): string {
  if (issue.code === 'custom') return issue.message;
  const top = schema.shape[String(issue.path[0])] as z.ZodType | undefined;
  const hint = top && issue.path.length === 1 ? describeField(top) : issue.message.toLowerCase();
  return valueAt(body, issue.path) === undefined ? `is required and ${hint}` : hint;
}

/** `steps[0].url` style name of a path. */
function fieldName(path: Path): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

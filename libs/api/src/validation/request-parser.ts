import { z } from 'zod';
import { ApiException, ApiExceptionCode, type FieldProblem } from '../errors/api.exception';
import { describeField } from './field-hint';
import { fieldName } from './field-name';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Where a request's values came from; errors word themselves after it. */
export type RequestPart = 'body' | 'query';

const PART_NAME: Record<RequestPart, string> = { body: 'the request body', query: 'the query string' };

/**
 * Validates a request body or query string with its zod schema (STYLE.md §6) and answers
 * VALIDATION_FAILED naming every bad field, as the client spelled it, with what to send instead.
 */
export function parseRequest<S extends z.ZodObject>(
  schema: S,
  input: unknown,
  part: RequestPart = 'body',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidRequest(part, fieldProblems(schema, input, result.error.issues, part));
}

/** A query string checked against its schema: unknown parameters are named, like unknown body fields. */
export const parseQuery = <S extends z.ZodObject>(schema: S, query: unknown): z.output<S> =>
  parseRequest(schema, query, 'query');

const Nothing = z.strictObject({});
const WHOLE_BODY = 'must be a JSON object; send Content-Type: application/json';

/** For routes that take no query parameters: any parameter is named as unknown. */
export function rejectQuery(query: unknown): void {
  parseQuery(Nothing, query ?? {});
}

/** For routes that take no body: none (or an empty JSON object) passes, anything else is named. */
export function rejectBody(body: unknown): void {
  if (body === undefined) return;
  parseRequest(Nothing, body);
}

/** VALIDATION_FAILED for `fields`, summarised in the message. */
export function invalidRequest(part: RequestPart, fields: FieldProblem[]): ApiException {
  const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ');
  return new ApiException(ApiExceptionCode.VALIDATION_FAILED, `${PART_NAME[part]} is invalid: ${summary}`, { fields });
}

export function fieldProblems(
  schema: z.ZodObject,
  body: unknown,
  issues: readonly Issue[],
  part: RequestPart = 'body',
): FieldProblem[] {
  const problems = new Map<string, string>();
  const add = (field: string, message: string) => {
    if (!problems.has(field)) problems.set(field, message);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const message = unknownKeyMessage(schema, issue.path.length === 0, part);
      for (const key of issue.keys) add(fieldName([...issue.path, key]), message);
    } else if (issue.path.length === 0) {
      add('body', Object.keys(schema.shape).length > 0 ? WHOLE_BODY : 'must be left out: this endpoint takes no body');
    } else {
      add(fieldName(issue.path), messageOf(schema, body, issue));
    }
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

function unknownKeyMessage(schema: z.ZodObject, topLevel: boolean, part: RequestPart): string {
  const known = Object.keys(schema.shape);
  const what = part === 'query' ? 'query parameter' : 'field';
  if (!topLevel) return `is not a known ${what}; remove it`;
  if (known.length > 0) return `is not a known ${what}; send only ${known.join(', ')}`;
  return part === 'query'
    ? 'is not a known query parameter; this endpoint takes none'
    : 'is not a known field; this endpoint takes no body';
}

function messageOf(schema: z.ZodObject, body: unknown, issue: Issue): string {
  if (issue.code === 'custom') return issue.message;
  const top = schema.shape[String(issue.path[0])] as z.ZodType | undefined;
  const hint = top && issue.path.length === 1 ? describeField(top) : issue.message.toLowerCase();
  return valueAt(body, issue.path) === undefined ? `is required and ${hint}` : hint;
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

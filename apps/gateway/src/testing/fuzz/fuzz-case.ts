import { ApiExceptionCode, ErrorResponse } from '@webbyflow/api';
import fc from 'fast-check';

/** A request as sent: `target` is the encoded path and query. */
export interface FuzzRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  /** A string is sent as is; bytes are sent without a content type unless one is set. */
  body?: string | Uint8Array;
}

/** What a bad request may be answered with, and what the answer must name. */
export interface Expectation {
  statuses: readonly number[];
  /**
   * Parts at fault, one of which `error.fields[].field` must name (a body path may be deeper, e.g.
   * `payload` for `payload.a.b`). `route` stands for an unknown route: ROUTE_NOT_FOUND, no fields.
   */
  culprits: readonly string[];
}

export interface FuzzCase {
  labels: string[];
  request: FuzzRequest;
  expect: Expectation;
}

export const ROUTE = 'route';
// Node refuses a request line and headers over 16 KiB before Express sees it: 431, naming `headers`.
const LONG_TARGET = 8 * 1024;

const names = (culprit: string, field: string) =>
  field === culprit || field.startsWith(`${culprit}.`) || field.startsWith(`${culprit}[`);

// What a stack trace or a source location looks like in an answer.
const STACK = [/\n\s*at\s/, /\bat (?:async )?[\w$.<>]+ \(/, /[\w-]+\.(?:ts|js):\d+/, /node_modules/];

/** The answer's problem, or null when it is what a bad request deserves. */
export function judgeAnswer(test: FuzzCase, status: number, text: string): string | null {
  if (status >= 500) return `answered ${status}`;
  const target = test.request.target;
  const culprits = target.length > LONG_TARGET ? [...test.expect.culprits, 'headers'] : test.expect.culprits;
  const statuses = target.length > LONG_TARGET ? [...test.expect.statuses, 431] : test.expect.statuses;
  if (!statuses.includes(status)) return `answered ${status}, expected one of ${statuses.join(', ')}`;
  const sent = `${target} ${JSON.stringify(test.request.headers)} ${String(test.request.body ?? '')}`;
  for (const pattern of STACK) {
    const match = pattern.exec(text);
    if (match && !sent.includes(match[0])) return `answer carries a stack trace or source path: ${match[0]}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'answer is not JSON';
  }
  const answer = ErrorResponse.safeParse(parsed);
  if (!answer.success) return 'answer is not an ErrorResponse';
  const { code, fields = [] } = answer.data.error;
  if (code === ApiExceptionCode.ROUTE_NOT_FOUND) return culprits.includes(ROUTE) ? null : 'answered ROUTE_NOT_FOUND';
  const named = fields.some((f) => culprits.some((culprit) => names(culprit, f.field)));
  if (!named) return `fields ${JSON.stringify(fields.map((f) => f.field))} name none of ${JSON.stringify(culprits)}`;
  return null;
}

const MAX_SHOWN = 300;
const cut = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} chars)` : text);

/** How a case reads in a failure report: short, whatever the size of its body. */
export function describeCase(test: FuzzCase): string {
  const body = test.request.body;
  const shownBody = body === undefined ? '' : typeof body === 'string' ? cut(body) : `<${body.length} bytes>`;
  return (
    `[${test.labels.join(' + ')}] ${test.request.method} ${cut(test.request.target)} ` +
    `headers=${cut(JSON.stringify(test.request.headers))} body=${JSON.stringify(shownBody)}`
  );
}

/** Gives a case fast-check's short printout (counterexamples may hold half-megabyte bodies). */
export const printable = (test: FuzzCase): FuzzCase =>
  Object.assign(test, { [fc.toStringMethod]: () => describeCase(test) });

import { CreateTaskRequest, JSON_LIMITS } from '@webbyflow/api';
import fc from 'fast-check';
import type { Expectation, FuzzRequest } from './fuzz-case';
import { anyText, jsonJunk, nested, objectWith, parsesAsJson } from './fuzz-values';

/** One way to break a request, and how the gateway must answer it. */
export interface Mutation {
  label: string;
  apply: (request: FuzzRequest) => FuzzRequest;
  expect: Expectation;
}

export const JSON_TYPE = 'application/json';
export const VALID_TASK = { url: 'https://shop.example/contact', goal: 'Send the contact form' };
const TASK_FIELDS = Object.keys(CreateTaskRequest.shape);

/** A body that replaces the request's, sent as JSON, failing as `culprits`. */
function bodyMutation(label: string, body: string | Uint8Array, culprits: string[], limit: number): Mutation {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  return {
    label,
    apply: (request) => ({ ...request, body, headers: { ...request.headers, 'content-type': JSON_TYPE } }),
    expect: size > limit ? { statuses: [413], culprits: ['body'] } : { statuses: [400, 413], culprits },
  };
}

const json = (value: unknown) => JSON.stringify(value);

/** Text no JSON parser accepts: random, cut short, or classic mistakes. */
const invalidJsonText = fc
  .oneof(
    anyText(200),
    fc.nat({ max: 60 }).map((n) => json({ ...VALID_TASK, payload: { a: [1, 2] } }).slice(0, n)),
    fc.constantFrom('{', '{"url":', '{"url": "x",}', "{'url': 'x'}", '{"a":1}}', '{"a":01}', '[1,]', '{"a":"\\x"}'),
  )
  .filter((text) => text.length > 0 && !parsesAsJson(text));

const invalidJsonBytes = fc
  .uint8Array({ minLength: 1, maxLength: 120 })
  .filter((bytes) => !parsesAsJson(Buffer.from(bytes).toString('utf8')));

/** JSON that is not an object (no strings inside, so only the top level is at fault). */
const nonObjectJson = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  anyText(),
  fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), { maxLength: 5 }),
);

/** Broken bodies any JSON route must refuse, naming `body`. */
export function brokenBody(limit: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    invalidJsonText.map((text) => bodyMutation('invalid JSON', text, ['body'], limit)),
    invalidJsonBytes.map((bytes) => bodyMutation('invalid bytes', bytes, ['body'], limit)),
    nonObjectJson.map((value) => bodyMutation('not an object', json(value), ['body'], limit)),
  );
}

/** A field of POST /v1/tasks set to something its schema refuses. */
const wrongField = fc
  .tuple(
    fc.constantFrom(...TASK_FIELDS),
    fc.oneof(
      jsonJunk,
      fc.constantFrom('ftp://x', 'http://', 'javascript:alert(1)', 'https://exa mple.com', '//x', 'http://[::1'),
      fc.constantFrom('', '   ', 'x'.repeat(4001), 0, 101, 9, 3601, '5', -1, 1.5, { type: 'texte' }, { $ref: '#/x' }),
      fc.integer({ min: 33, max: 300 }).map(nested),
    ),
  )
  .filter(
    ([field, value]) =>
      !CreateTaskRequest.shape[field as keyof typeof CreateTaskRequest.shape].safeParse(value).success,
  );

const unknownFieldName = fc
  .oneof(
    anyText(40),
    fc.constantFrom('__proto__', 'constructor', 'maxSteps', 'URL', 'url ', 'webhookUrl', 'id', 'org_id'),
  )
  .filter((key) => !TASK_FIELDS.includes(key));

/** Walks past the bounds on nesting, counts and text: answered 400 naming where, or 413. */
const overLimits = fc.oneof(
  fc.integer({ min: JSON_LIMITS.maxDepth, max: 400 }).map((levels) => ({ payload: { deep: nested(levels) } })),
  fc
    .integer({ min: JSON_LIMITS.maxArrayItems + 1, max: 2000 })
    .map((n) => ({ payload: { list: Array.from({ length: n }, () => 0) } })),
  fc
    .integer({ min: JSON_LIMITS.maxStringLength + 1, max: JSON_LIMITS.maxStringLength + 5000 })
    .map((n) => ({ payload: { text: 'x'.repeat(n) } })),
  fc.integer({ min: 11, max: 15 }).map((n) => ({
    payload: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, Array.from({ length: 1000 }, () => i)])),
  })),
  fc
    .constantFrom('\u0000', '\ud800', '\udfff', 'a\u0000')
    .chain((bad) =>
      fc.constantFrom({ goal: `go${bad}` }, { payload: { name: bad } }, { payload: { [`k${bad}`]: 'v' } }),
    ),
);

/** Text whose numbers grow when written out again (`1e20` → 21 digits), past the limit only then. */
function growsWhenWrittenOut(limit: number): string {
  const pad = Math.floor((limit * 0.7) / 4);
  const pads = Array.from(
    { length: 4 },
    (_, i) => `"p${i}":"${'x'.repeat(Math.min(pad, JSON_LIMITS.maxStringLength))}"`,
  );
  const numbers = Array.from({ length: 9 }, (_, i) => `"n${i}":[${Array(1000).fill('1e20').join(',')}]`);
  return `{"url":"${VALID_TASK.url}","goal":"g","payload":{${[...pads, ...numbers].join(',')}}}`;
}

/** Ways to break the body of POST /v1/tasks, each naming the field at fault. */
export function brokenTaskBody(limit: number): fc.Arbitrary<Mutation> {
  const task = (label: string, body: object, culprits: string[]) => bodyMutation(label, json(body), culprits, limit);
  return fc.oneof(
    brokenBody(limit),
    wrongField.map(([field, value]) => task(`wrong ${field}`, objectWith([[field, value]], VALID_TASK), [field])),
    fc.constantFrom('url', 'goal').map((field) => {
      const { [field as 'url']: _dropped, ...rest } = VALID_TASK;
      return task(`missing ${field}`, rest, [field]);
    }),
    fc
      .tuple(unknownFieldName, jsonJunk)
      .map(([key, value]) => task('unknown field', objectWith([[key, value]], VALID_TASK), [key])),
    overLimits.map((patch) => task('over limits', { ...VALID_TASK, ...patch }, ['body', ...Object.keys(patch)])),
    fc.constant(null).map(() => bodyMutation('grows written out', growsWhenWrittenOut(limit), ['body'], limit)),
    fc
      .constant(null)
      .map(() => task('over the byte limit', { ...VALID_TASK, payload: { blob: 'x'.repeat(limit) } }, ['body'])),
  );
}

/** Ways to give a body to a POST route that takes none. */
export function unwantedBody(limit: number): fc.Arbitrary<Mutation> {
  const keys = fc.uniqueArray(fc.tuple(anyText(30), jsonJunk), {
    minLength: 1,
    maxLength: 3,
    selector: ([key]) => key,
  });
  return fc.oneof(
    brokenBody(limit),
    keys.map((entries) =>
      bodyMutation(
        'unwanted fields',
        json(objectWith(entries)),
        entries.map(([k]) => k),
        limit,
      ),
    ),
  );
}

import { ListEventsQuery, ListTasksQuery } from '@webbyflow/api';
import fc from 'fast-check';
import type { z } from 'zod';
import { ROUTE, type FuzzRequest } from './fuzz-case';
import { JSON_TYPE, type Mutation } from './fuzz-bodies';
import { type FuzzEndpoint, type FuzzIds, pathOf } from './fuzz-endpoints';
import { anyText, encodeComponent, headerText, isUuid, wellFormed } from './fuzz-values';

/** The schemas behind the query strings the fuzz knows values for; other routes get unknown names only. */
const QUERY_SCHEMAS: Record<string, z.ZodObject> = {
  'GET /v1/tasks': ListTasksQuery,
  'GET /v1/tasks/{id}/events': ListEventsQuery,
};

const withTarget = (request: FuzzRequest, target: string): FuzzRequest => ({ ...request, target });
const addQuery = (target: string, pair: string) => `${target}${target.includes('?') ? '&' : '?'}${pair}`;

/** A missing, malformed, unknown, wrong or revoked API key: 401 naming x-api-key, whatever else is wrong. */
export function badKey(ids: FuzzIds, revokedKey: string): fc.Arbitrary<Mutation> {
  const key = ids.own.key;
  return fc
    .oneof(
      fc.constant(null),
      headerText(),
      headerText(50).map((s) => `wf_${s}`),
      fc.constantFrom(
        `${key.slice(0, 12)}${'b'.repeat(43)}`,
        revokedKey,
        `Bearer ${key}`,
        key.toUpperCase(),
        `${key}x`,
        key.slice(0, -1),
      ),
    )
    .filter((sent) => sent !== key)
    .map((sent) => ({
      label: 'bad key',
      apply: (request: FuzzRequest) => {
        const { 'x-api-key': _key, ...headers } = request.headers;
        // A key in the wrong header does not count either.
        return {
          ...request,
          headers: sent === null ? { ...headers, authorization: `Bearer ${key}` } : { ...headers, 'x-api-key': sent },
        };
      },
      expect: { statuses: [401], culprits: ['x-api-key'] },
    }));
}

/** An id that names nothing of the caller's org: malformed, unknown, another org's, or not decodable. */
export function badId(endpoint: FuzzEndpoint, ids: FuzzIds): fc.Arbitrary<Mutation> {
  const others = endpoint.id === 'artifact' ? ids.other.artifacts : ids.other.tasks;
  const encoded = fc.oneof(
    anyText(80)
      .map(wellFormed)
      .filter((id) => id.length > 0 && id !== '.' && id !== '..' && !isUuid(id))
      .map(encodeComponent),
    fc.uuid(),
    fc.constantFrom(...others, ...others.map((id) => id.toUpperCase())),
    fc.string({ unit: 'grapheme-ascii', minLength: 3000, maxLength: 6000 }).map(encodeComponent),
  );
  const raw = fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%FF');
  return fc.oneof(encoded, raw).map((id) => ({
    label: 'bad id',
    apply: (request: FuzzRequest) => {
      const query = request.target.indexOf('?');
      return withTarget(request, `${pathOf(endpoint, id)}${query < 0 ? '' : request.target.slice(query)}`);
    },
    expect: { statuses: [404, 400], culprits: ['id', 'path'] },
  }));
}

/** An unknown query parameter, or a known one with a value its schema refuses. */
export function badQuery(endpoint: FuzzEndpoint): fc.Arbitrary<Mutation> {
  const unknown = fc
    .tuple(anyText(30).map(wellFormed), anyText(40))
    .filter(([name]) => name.length > 0 && !endpoint.query.includes(name))
    .map(([name, value]) => ({ pair: `${encodeComponent(name)}=${encodeComponent(value)}`, culprit: name }));
  const schema = QUERY_SCHEMAS[`${endpoint.method} ${endpoint.template}`];
  const known = schema
    ? [
        fc
          .tuple(
            fc.constantFrom(...Object.keys(schema.shape)),
            fc.oneof(anyText(300), fc.constantFrom('0', '-1', '201', '501', '1.5', '1e3', 'NaN', '', '9'.repeat(30))),
          )
          .map(([name, value]) => [name, wellFormed(value)] as const)
          .filter(([name, value]) => !schema.safeParse({ [name]: value }).success)
          .map(([name, value]) => ({ pair: `${name}=${encodeComponent(value)}`, culprit: name })),
        // A parameter given twice arrives as a list.
        fc.constant({ pair: 'limit=5&limit=6', culprit: 'limit' }),
      ]
    : [];
  return fc.oneof(unknown, ...known).map(({ pair, culprit }) => ({
    label: 'bad query',
    apply: (request: FuzzRequest) => withTarget(request, addQuery(request.target, pair)),
    expect: { statuses: [400], culprits: [culprit] },
  }));
}

const NOT_JSON_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json-patch+json',
  'text/json',
  'application/json; charset=latin1',
  'application/json; charset=iso-8859-1',
  ';;;',
  '*/*',
  'application/*',
  'json',
];

/** A body that is not (or not declared as) UTF-8 JSON: 415 naming the header at fault. */
export function badContentType(): fc.Arbitrary<Mutation> {
  const type = fc.oneof(fc.constantFrom(...NOT_JSON_TYPES), fc.constant(null));
  const encoding = fc.constantFrom('zstd-nope', 'compress', 'gzip');
  return fc.oneof(
    type.map((contentType) => ({
      label: `content-type ${contentType}`,
      apply: (request: FuzzRequest) => {
        const { 'content-type': _type, ...headers } = request.headers;
        const text = typeof request.body === 'string' && request.body.length > 0 ? request.body : '{"a":1}';
        // fetch labels a string body text/plain; bytes go out without a type.
        const body = contentType === null ? new Uint8Array(Buffer.from(text)) : text;
        return {
          ...request,
          body,
          headers: contentType === null ? headers : { ...headers, 'content-type': contentType },
        };
      },
      expect: { statuses: [415], culprits: ['content-type'] },
    })),
    encoding.map((contentEncoding) => ({
      label: `content-encoding ${contentEncoding}`,
      apply: (request: FuzzRequest) => ({
        ...request,
        body: typeof request.body === 'string' && request.body.length > 0 ? request.body : '{"a":1}',
        headers: { ...request.headers, 'content-type': JSON_TYPE, 'content-encoding': contentEncoding },
      }),
      expect: { statuses: [415, 400], culprits: ['content-encoding', 'body'] },
    })),
  );
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A method the path does not have: 404 ROUTE_NOT_FOUND. */
export function wrongMethod(endpoints: FuzzEndpoint[], ids: FuzzIds): fc.Arbitrary<FuzzRequest> {
  const pairs = [...new Set(endpoints.map((e) => e.template))].flatMap((template) =>
    METHODS.filter((m) => !endpoints.some((e) => e.template === template && e.method === m)).map((method) => ({
      method,
      template,
    })),
  );
  return fc.constantFrom(...pairs).map(({ method, template }) => ({
    method,
    target: template.replace('{id}', template.startsWith('/v1/artifacts/') ? ids.own.artifact : ids.own.task),
    headers: { 'x-api-key': ids.own.key },
  }));
}

export const WRONG_METHOD = { statuses: [404], culprits: [ROUTE] };

import fc from 'fast-check';
import { type FuzzCase, type FuzzRequest, printable } from './fuzz-case';
import { brokenBody, brokenTaskBody, JSON_TYPE, type Mutation, unwantedBody, VALID_TASK } from './fuzz-bodies';
import { type FuzzEndpoint, type FuzzIds, pathOf } from './fuzz-endpoints';
import { badContentType, badId, badKey, badQuery, WRONG_METHOD, wrongMethod } from './fuzz-mutations';

export interface FuzzWorld {
  endpoints: FuzzEndpoint[];
  /** The same data seen from each org: a case is sent as one of them. */
  views: FuzzIds[];
  revokedKey: string;
  bodyLimit: number;
}

const isCreateTask = (e: FuzzEndpoint) => e.method === 'POST' && e.template === '/v1/tasks';

/** The valid request a case starts from, with the caller's own ids; each case breaks it at least once. */
function validRequest(endpoint: FuzzEndpoint, ids: FuzzIds): FuzzRequest {
  const id = endpoint.id === 'task' ? ids.own.task : endpoint.id === 'artifact' ? ids.own.artifact : null;
  const request: FuzzRequest = {
    method: endpoint.method,
    target: pathOf(endpoint, id),
    headers: { 'x-api-key': ids.own.key },
  };
  if (!isCreateTask(endpoint)) return request;
  return { ...request, body: JSON.stringify(VALID_TASK), headers: { ...request.headers, 'content-type': JSON_TYPE } };
}

/** The ways an endpoint's requests can be broken, in the order a request is assembled, with weights. */
function mutationsOf(endpoint: FuzzEndpoint, world: FuzzWorld, ids: FuzzIds): Array<fc.WeightedArbitrary<Mutation>> {
  const body = isCreateTask(endpoint)
    ? { arbitrary: brokenTaskBody(world.bodyLimit), weight: 4 }
    : { arbitrary: endpoint.body ? brokenBody(world.bodyLimit) : unwantedBody(world.bodyLimit), weight: 1 };
  // fetch cannot send a body with GET.
  const bodies = endpoint.method === 'POST' ? [body, { arbitrary: badContentType(), weight: 1 }] : [];
  return [
    ...(endpoint.id ? [{ arbitrary: badId(endpoint, ids), weight: 1 }] : []),
    { arbitrary: badQuery(endpoint), weight: 1 },
    ...bodies,
    { arbitrary: badKey(ids, world.revokedKey), weight: 1 },
  ];
}

// Bodies have the most ways to go wrong, and only POST routes take them.
const weightOf = (endpoint: FuzzEndpoint) => (isCreateTask(endpoint) ? 6 : endpoint.method === 'POST' ? 2 : 1);

/** An endpoint, weighted, and the org whose view the request is sent with. */
const endpointAndView = (world: FuzzWorld) =>
  fc.tuple(
    fc.oneof(...world.endpoints.map((endpoint) => ({ arbitrary: fc.constant(endpoint), weight: weightOf(endpoint) }))),
    fc.constantFrom(...world.views),
  );

function toCase(base: FuzzRequest, mutations: Mutation[]): FuzzCase {
  const request = mutations.reduce((current, mutation) => mutation.apply(current), base);
  return printable({
    labels: mutations.map((m) => m.label),
    request,
    expect: {
      statuses: [...new Set(mutations.flatMap((m) => m.expect.statuses))],
      culprits: [...new Set(mutations.flatMap((m) => m.expect.culprits))],
    },
  });
}

/** One defect on an otherwise valid request, mostly; sometimes several at once; sometimes a wrong method. */
export function badRequest(world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const single = endpointAndView(world).chain(([endpoint, ids]) =>
    fc.oneof(...mutationsOf(endpoint, world, ids)).map((mutation) => toCase(validRequest(endpoint, ids), [mutation])),
  );
  const several = endpointAndView(world).chain(([endpoint, ids]) =>
    fc
      .tuple(...mutationsOf(endpoint, world, ids).map((m) => fc.option(m.arbitrary, { nil: undefined })))
      .map((picked) => picked.filter((m): m is Mutation => m !== undefined))
      .filter((picked) => picked.length >= 2)
      .map((picked) => toCase(validRequest(endpoint, ids), picked)),
  );
  const method = fc
    .constantFrom(...world.views)
    .chain((ids) => wrongMethod(world.endpoints, ids))
    .map((request) => printable({ labels: ['wrong method'], request, expect: WRONG_METHOD }));
  return fc.oneof(
    { arbitrary: single, weight: 16 },
    { arbitrary: several, weight: 3 },
    { arbitrary: method, weight: 1 },
  );
}

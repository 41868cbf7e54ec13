import { headers, type MsgHdrs } from '@nats-io/transport-node';

/** Header of a query: the latest time (epoch ms) at which starting to answer it is still worth it. */
export const START_BY_HEADER = 'Wf-Start-By';

/** Room left for the answer itself: a quarter of the wait, at most a second. */
const ANSWER_ROOM_MS = 1_000;

/**
 * Headers of a query its requester waits `timeoutMs` for. A responder that only gets to a query after its
 * start-by time skips it: the requester has (nearly) given up, and acting anyway (creating a task) would do
 * work behind an error answer.
 */
export function queryHeaders(timeoutMs: number, now = Date.now()): MsgHdrs {
  const h = headers();
  h.set(START_BY_HEADER, String(now + timeoutMs - Math.min(ANSWER_ROOM_MS, timeoutMs / 4)));
  return h;
}

/** True when the query's requester has (nearly) stopped waiting; a query without the header never expires. */
export function queryExpired(h: MsgHdrs | undefined, now = Date.now()): boolean {
  const startBy = Number(h?.get(START_BY_HEADER));
  return Number.isFinite(startBy) && startBy > 0 && now > startBy;
}

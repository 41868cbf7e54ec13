import { randomUUID } from 'node:crypto';
import type { PayloadInputOf, QuerySubject, ReplyOf } from '@webbyflow/contracts';
import type { MessageBus, MessageMeta } from '@webbyflow/messaging';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { fromQueryError, notFound, type NotFoundResource, type QueryTarget } from '../errors/query-error.mapper';

const Uuid = z.uuid();

/** The id from a path, or NOT_FOUND for one that cannot name a task or artifact (never a 400: ids are opaque). */
export function requireId(id: string, resource: NotFoundResource): string {
  if (Uuid.safeParse(id).success) return id.toLowerCase();
  throw notFound({ resource, id: id.length > 64 ? `${id.slice(0, 64)}…` : id });
}

/** Meta of a query caused by an API call: scoped to the caller's org, correlated with the run when known. */
export function queryMeta(principal: Principal, correlationId?: string): MessageMeta {
  const id = randomUUID();
  return { id, correlationId: correlationId ?? id, causationId: null, orgId: principal.orgId };
}

/** Sends a query and turns its failure into what the API answers. */
export async function runQuery<Q extends QuerySubject>(
  bus: MessageBus,
  subject: Q,
  payload: PayloadInputOf<Q>,
  meta: MessageMeta,
  target: QueryTarget,
): Promise<ReplyOf<Q>> {
  try {
    return await bus.request(subject, payload, meta);
  } catch (error) {
    throw fromQueryError(error, target);
  }
}

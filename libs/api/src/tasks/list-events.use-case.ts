import { Injectable } from '@nestjs/common';
import type { ReplyOf } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { queryMeta, requireId, runQuery } from '../queries/run-query';
import { parseQuery } from '../validation/request-parser';

// Cursors are event ids: visible ASCII. Anything else cannot name an event (and Postgres refuses NUL).
const CURSOR = /^[\x21-\x7e]+$/;

/** Query string of `GET /v1/tasks/:id/events`. */
export const ListEventsQuery = z
  .object({
    after: z
      .string()
      .min(1)
      .max(256)
      .refine((cursor) => CURSOR.test(cursor), 'must be a `next_cursor` from a previous page')
      .optional()
      .describe('`next_cursor` of the previous page'),
    limit: z.coerce.number().int().min(1).max(500).default(200).describe('events per page, 1 to 500'),
  })
  .strict();
export type ListEventsQuery = z.output<typeof ListEventsQuery>;

export const parseListEventsQuery = (query: unknown): ListEventsQuery => parseQuery(ListEventsQuery, query);

/** A page of the events of one run of the caller's org, in the order they happened. */
@Injectable()
export class ListEventsUseCase {
  constructor(private readonly bus: MessageBus) {}

  async execute(
    principal: Principal,
    rawId: string,
    query: ListEventsQuery,
  ): Promise<ReplyOf<'webbyflow.qry.orchestrator.list_events.v1'>> {
    const taskId = requireId(rawId, 'task');
    return runQuery(
      this.bus,
      'webbyflow.qry.orchestrator.list_events.v1',
      { orgId: principal.orgId, taskId, after: query.after ?? null, limit: query.limit },
      queryMeta(principal, taskId),
      { service: 'orchestrator', resource: 'task', id: taskId },
    );
  }
}

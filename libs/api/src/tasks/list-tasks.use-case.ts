import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TaskStatusV1, type ReplyOf } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { queryMeta, runQuery } from '../queries/run-query';
import { parseQuery } from '../validation/request-parser';

/** Query string of `GET /v1/tasks`. */
export const ListTasksQuery = z
  .object({
    status: TaskStatusV1.optional().describe('only tasks with this status'),
    after: z.uuid().optional().describe('`next_cursor` of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('tasks per page, 1 to 200'),
  })
  .strict();
export type ListTasksQuery = z.output<typeof ListTasksQuery>;

export const parseListTasksQuery = (query: unknown): ListTasksQuery => parseQuery(ListTasksQuery, query);

/** The caller org's tasks, newest first. */
@Injectable()
export class ListTasksUseCase {
  constructor(private readonly bus: MessageBus) {}

  async execute(
    principal: Principal,
    query: ListTasksQuery,
  ): Promise<ReplyOf<'webbyflow.qry.orchestrator.list_tasks.v1'>> {
    const id = randomUUID();
    return runQuery(
      this.bus,
      'webbyflow.qry.orchestrator.list_tasks.v1',
      { orgId: principal.orgId, status: query.status ?? null, after: query.after ?? null, limit: query.limit },
      queryMeta(principal),
      { service: 'orchestrator', resource: 'task', id },
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { ReplyOf } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { queryMeta, runQuery } from '../queries/run-query';
import { parseQuery } from '../validation/request-parser';

/** Query string of `GET /v1/plan-cache`. */
export const ListPlanCacheQuery = z
  .object({
    after: z.uuid().optional().describe('`next_cursor` of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('entries per page, 1 to 200'),
  })
  .strict();
export type ListPlanCacheQuery = z.output<typeof ListPlanCacheQuery>;

export const parseListPlanCacheQuery = (query: unknown): ListPlanCacheQuery => parseQuery(ListPlanCacheQuery, query);

/** The caller org's action-plan cache entries, most recently recorded first. */
@Injectable()
export class ListPlanCacheUseCase {
  constructor(private readonly bus: MessageBus) {}

  execute(
    principal: Principal,
    query: ListPlanCacheQuery,
  ): Promise<ReplyOf<'webbyflow.qry.orchestrator.list_plan_cache.v1'>> {
    const meta = queryMeta(principal);
    return runQuery(
      this.bus,
      'webbyflow.qry.orchestrator.list_plan_cache.v1',
      { orgId: principal.orgId, after: query.after ?? null, limit: query.limit },
      meta,
      { service: 'orchestrator', resource: 'plan_cache', id: meta.id },
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { OnQuery } from '@webbyflow/messaging';
import { PlanCacheEntriesService } from '@webbyflow/orchestration';

type Q<S extends Parameters<typeof OnQuery>[0]> = Envelope<PayloadOf<S>>;

/** Answers the gateway's action-plan cache listing. */
@Injectable()
export class PlanCacheQueriesResponder {
  constructor(private readonly entries: PlanCacheEntriesService) {}

  @OnQuery('webbyflow.qry.orchestrator.list_plan_cache.v1')
  list(message: Q<'webbyflow.qry.orchestrator.list_plan_cache.v1'>) {
    const { orgId, after, limit } = message.payload;
    return this.entries.list(orgId, { after, limit });
  }
}

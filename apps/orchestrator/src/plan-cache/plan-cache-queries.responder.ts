import { Injectable } from '@nestjs/common';
import { OnQuery, type QueryMessage } from '@webbyflow/messaging';
import { PlanCacheEntriesService } from '@webbyflow/orchestration';

/** Answers the gateway's action-plan cache listing. */
@Injectable()
export class PlanCacheQueriesResponder {
  constructor(private readonly entries: PlanCacheEntriesService) {}

  @OnQuery('webbyflow.qry.orchestrator.list_plan_cache.v1')
  list(message: QueryMessage<'webbyflow.qry.orchestrator.list_plan_cache.v1'>) {
    const { orgId, after, limit } = message.payload;
    return this.entries.list(orgId, { after, limit });
  }
}

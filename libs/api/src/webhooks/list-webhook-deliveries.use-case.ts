import { Injectable } from '@nestjs/common';
import type { ReplyOf } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import type { Principal } from '../auth/principal';
import { queryMeta, requireId, runQuery } from '../queries/run-query';

/** The webhook delivery log of one run of the caller's org. */
@Injectable()
export class ListWebhookDeliveriesUseCase {
  constructor(private readonly bus: MessageBus) {}

  async execute(
    principal: Principal,
    rawId: string,
  ): Promise<ReplyOf<'webbyflow.qry.orchestrator.list_webhook_deliveries.v1'>> {
    const taskId = requireId(rawId, 'task');
    return runQuery(
      this.bus,
      'webbyflow.qry.orchestrator.list_webhook_deliveries.v1',
      { orgId: principal.orgId, taskId },
      queryMeta(principal, taskId),
      { service: 'orchestrator', resource: 'task', id: taskId },
    );
  }
}

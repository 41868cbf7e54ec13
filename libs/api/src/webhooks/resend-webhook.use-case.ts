import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryViewV1 } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import type { Principal } from '../auth/principal';
import { queryMeta, requireId, runQuery } from '../queries/run-query';

/** Queues a new delivery of a finished run's result; 409 codes when it has none or nowhere to go. */
@Injectable()
export class ResendWebhookUseCase {
  constructor(private readonly bus: MessageBus) {}

  async execute(principal: Principal, rawId: string): Promise<WebhookDeliveryViewV1> {
    const taskId = requireId(rawId, 'task');
    return runQuery(
      this.bus,
      'webbyflow.qry.orchestrator.resend_webhook.v1',
      { orgId: principal.orgId, taskId },
      queryMeta(principal, taskId),
      { service: 'orchestrator', resource: 'task', id: taskId },
    );
  }
}

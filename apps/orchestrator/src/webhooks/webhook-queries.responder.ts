import { Injectable } from '@nestjs/common';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { OnQuery } from '@webbyflow/messaging';
import { WebhookDeliveriesService } from '@webbyflow/orchestration';

type Q<S extends Parameters<typeof OnQuery>[0]> = Envelope<PayloadOf<S>>;

/** Answers the gateway's webhook operations: a run's delivery log, and resending its result. */
@Injectable()
export class WebhookQueriesResponder {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @OnQuery('webbyflow.qry.orchestrator.list_webhook_deliveries.v1')
  list(message: Q<'webbyflow.qry.orchestrator.list_webhook_deliveries.v1'>) {
    return this.deliveries.list(message.payload.orgId, message.payload.taskId);
  }

  @OnQuery('webbyflow.qry.orchestrator.resend_webhook.v1')
  resend(message: Q<'webbyflow.qry.orchestrator.resend_webhook.v1'>) {
    return this.deliveries.resend(message.payload.orgId, message.payload.taskId);
  }
}

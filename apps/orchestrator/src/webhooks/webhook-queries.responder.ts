import { Injectable } from '@nestjs/common';
import { OnQuery, type QueryMessage } from '@webbyflow/messaging';
import { WebhookDeliveriesService } from '@webbyflow/orchestration';

/** Answers the gateway's webhook operations: a run's delivery log, and resending its result. */
@Injectable()
export class WebhookQueriesResponder {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @OnQuery('webbyflow.qry.orchestrator.list_webhook_deliveries.v1')
  list(message: QueryMessage<'webbyflow.qry.orchestrator.list_webhook_deliveries.v1'>) {
    return this.deliveries.list(message.payload.orgId, message.payload.taskId);
  }

  @OnQuery('webbyflow.qry.orchestrator.resend_webhook.v1')
  resend(message: QueryMessage<'webbyflow.qry.orchestrator.resend_webhook.v1'>) {
    return this.deliveries.resend(message.payload.orgId, message.payload.taskId);
  }
}

import { Injectable } from '@nestjs/common';
import type { ReplyOf, WebhookDeliveryViewV1 } from '@webbyflow/contracts';
import type { WebhookDeliveriesResponse, WebhookDeliveryResponse } from './webhook.response';

/** Maps the orchestrator's delivery views (camelCase) to the wire form of the API (snake_case). */
@Injectable()
export class WebhookPresenter {
  deliveries(reply: ReplyOf<'webbyflow.qry.orchestrator.list_webhook_deliveries.v1'>): WebhookDeliveriesResponse {
    return { task_id: reply.taskId, deliveries: reply.deliveries.map((d) => this.delivery(d)) };
  }

  delivery(view: WebhookDeliveryViewV1): WebhookDeliveryResponse {
    return {
      id: view.id,
      task_id: view.taskId,
      event_id: view.eventId,
      url: view.url,
      trigger: view.trigger,
      status: view.status,
      attempt_count: view.attemptCount,
      next_attempt_at: view.nextAttemptAt,
      created_at: view.createdAt,
      attempts: view.attempts.map((a) => ({
        attempt: a.attempt,
        started_at: a.startedAt,
        duration_ms: a.durationMs,
        response_status: a.responseStatus,
        error: a.error,
        outcome: a.outcome,
      })),
    };
  }
}

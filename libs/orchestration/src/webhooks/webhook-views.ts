import type { WebhookDeliveryViewV1 } from '@webbyflow/contracts';
import type { WebhookDeliveryEntity } from '@webbyflow/persistence';

/** A delivery as the API shows it, attempts newest first. */
export function toWebhookDeliveryView(delivery: WebhookDeliveryEntity): WebhookDeliveryViewV1 {
  return {
    id: delivery.id,
    taskId: delivery.taskId,
    eventId: delivery.eventId,
    url: delivery.url,
    trigger: delivery.trigger,
    status: delivery.status,
    attemptCount: delivery.attempt,
    nextAttemptAt: delivery.status === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: delivery.createdAt.toISOString(),
    attempts: [...delivery.attempts].reverse(),
  };
}

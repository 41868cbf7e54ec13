import { WebhookAttemptViewV1, WebhookDeliveryViewV1 } from '@webbyflow/contracts';
import { z } from 'zod';

const attempt = WebhookAttemptViewV1.shape;
const delivery = WebhookDeliveryViewV1.shape;

export const WebhookAttemptResponse = z
  .object({
    attempt: attempt.attempt,
    started_at: attempt.startedAt,
    duration_ms: attempt.durationMs,
    response_status: attempt.responseStatus.describe('What the receiver answered; null when no answer came.'),
    error: attempt.error.describe('Why the attempt did not deliver, e.g. `HTTP 500` or `ADDRESS_REFUSED: …`.'),
    outcome: attempt.outcome.describe('`retry`: another attempt followed or is scheduled; `failed`: it was the last.'),
  })
  .describe('One POST to the webhook_url.');

export const WebhookDeliveryResponse = z
  .object({
    id: delivery.id.describe('Sent as the WebbyFlow-Delivery-Id header.'),
    task_id: delivery.taskId,
    event_id: delivery.eventId.describe(
      'Sent as WebbyFlow-Event-Id: the same for every attempt and resend; dedupe on it.',
    ),
    url: delivery.url,
    trigger: delivery.trigger.describe('`finished`: the run ended; `resend`: POST /v1/tasks/{id}/webhook/resend.'),
    status: delivery.status,
    attempt_count: delivery.attemptCount,
    next_attempt_at: delivery.nextAttemptAt.describe('When the next attempt is due, while pending.'),
    created_at: delivery.createdAt,
    attempts: z.array(WebhookAttemptResponse).describe('Every attempt, newest first.'),
  })
  .describe("One delivery of a run's final result to its webhook_url.");
export type WebhookDeliveryResponse = z.output<typeof WebhookDeliveryResponse>;

export const WebhookDeliveriesResponse = z
  .object({ task_id: delivery.taskId, deliveries: z.array(WebhookDeliveryResponse) })
  .describe('The webhook delivery log of a run, newest delivery first.');
export type WebhookDeliveriesResponse = z.output<typeof WebhookDeliveriesResponse>;

export const WebhookSecretResponse = z
  .object({
    secret: z.string().describe('Verify WebbyFlow-Signature with it. Shown once; calling again replaces it.'),
    created_at: z.iso.datetime(),
  })
  .describe("The org's new webhook signing secret.");
export type WebhookSecretResponse = z.output<typeof WebhookSecretResponse>;

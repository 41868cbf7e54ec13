import { z } from 'zod';

/** One POST of a delivery to the receiver. */
export const WebhookAttemptViewV1 = z.object({
  attempt: z.number().int().positive(),
  startedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  /** What the receiver answered; null when no answer came (refused address, timeout, network error). */
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  /** `retry`: another attempt followed or is scheduled; `failed`: this was the last one. */
  outcome: z.enum(['delivered', 'retry', 'failed']),
});
export type WebhookAttemptViewV1 = z.infer<typeof WebhookAttemptViewV1>;

/** One delivery of a run's final result, with every attempt (newest first). */
export const WebhookDeliveryViewV1 = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  /** Sent as `WebbyFlow-Event-Id`; the same for every attempt and resend of one result. */
  eventId: z.string(),
  url: z.string(),
  trigger: z.enum(['finished', 'resend']),
  status: z.enum(['pending', 'delivered', 'failed']),
  attemptCount: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  attempts: z.array(WebhookAttemptViewV1),
});
export type WebhookDeliveryViewV1 = z.infer<typeof WebhookDeliveryViewV1>;

export const WebhookDeliveriesV1 = z.object({
  taskId: z.uuid(),
  /** Newest first. */
  deliveries: z.array(WebhookDeliveryViewV1),
});

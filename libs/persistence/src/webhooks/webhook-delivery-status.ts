/** `pending` until an attempt gets a 2xx (`delivered`) or no more attempts may be made (`failed`). */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** What queued a delivery: the run finishing, or a user asking for it again. */
export const WEBHOOK_DELIVERY_TRIGGERS = ['finished', 'resend'] as const;
export type WebhookDeliveryTrigger = (typeof WEBHOOK_DELIVERY_TRIGGERS)[number];

/** One POST to the receiver, as the delivery log keeps it. */
export interface WebhookAttemptRecord {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** HTTP status the receiver answered, null when no answer came (refused, timeout, network). */
  responseStatus: number | null;
  /** Why the attempt did not deliver, e.g. `TIMEOUT: …` or `HTTP 500`; null when delivered. */
  error: string | null;
  /** `retry`: another attempt is scheduled; `failed`: this was the last one. */
  outcome: 'delivered' | 'retry' | 'failed';
}

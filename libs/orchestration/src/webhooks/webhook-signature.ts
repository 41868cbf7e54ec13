// Self-contained on purpose (node:crypto only): receivers may copy this file as it is.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>` */
export const WEBHOOK_SIGNATURE_HEADER = 'WebbyFlow-Signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'WebbyFlow-Timestamp';
export const WEBHOOK_EVENT_ID_HEADER = 'WebbyFlow-Event-Id';
export const WEBHOOK_DELIVERY_ID_HEADER = 'WebbyFlow-Delivery-Id';

/** Hex HMAC-SHA256 of `timestamp + "." + rawBody` with the org's signing secret. */
export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The value of the WebbyFlow-Signature header. */
export function webhookSignatureHeader(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return `t=${timestamp},v1=${signWebhook(secret, timestamp, rawBody)}`;
}

/**
 * True when `header` (WebbyFlow-Signature) signs exactly `rawBody` with `secret` and its timestamp is
 * within `toleranceSeconds` of now, so a captured request cannot be replayed later. Pass the body
 * bytes as received, before any JSON parsing.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined | null,
  rawBody: string | Buffer,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value ?? '')) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value ?? '')) signatures.push(value);
  }
  if (timestamp === null || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}

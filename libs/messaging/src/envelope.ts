import {
  catalogue,
  EnvelopeSchema,
  type Envelope,
  type Subject,
  type PayloadInputOf,
  type PayloadOf,
  versionOf,
} from '@webbyflow/contracts';
import { MessagingException, MessagingExceptionCode } from './messaging.exception';

/** Who a message belongs to and what caused it; `id` must be deterministic for the fact or command. */
export interface MessageMeta {
  id: string;
  correlationId: string;
  causationId: string | null;
  orgId: string;
}

/** Builds a validated envelope; the payload is parsed with the catalogue schema (defaults applied). */
export function buildEnvelope<S extends Subject>(
  subject: S,
  payload: PayloadInputOf<S>,
  meta: MessageMeta,
  now = new Date(),
): Envelope<PayloadOf<S>> {
  const parsed = catalogue[subject].schema.safeParse(payload);
  if (!parsed.success) {
    throw new MessagingException(
      MessagingExceptionCode.INVALID_MESSAGE,
      `payload for ${subject} is invalid: ${parsed.error.message}`,
    );
  }
  return {
    id: meta.id,
    subject,
    version: versionOf(subject),
    correlationId: meta.correlationId,
    causationId: meta.causationId,
    occurredAt: now.toISOString(),
    orgId: meta.orgId,
    payload: parsed.data as PayloadOf<S>,
  };
}

/** Parses raw bytes into an envelope for `subject`, validating envelope and payload (STYLE.md §6). */
export function parseEnvelope<S extends Subject>(subject: S, data: Uint8Array): Envelope<PayloadOf<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(data));
  } catch (error) {
    throw new MessagingException(MessagingExceptionCode.INVALID_MESSAGE, `message on ${subject} is not JSON`, {
      cause: error,
    });
  }
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    throw new MessagingException(
      MessagingExceptionCode.INVALID_MESSAGE,
      `envelope on ${subject} is invalid: ${envelope.error.message}`,
    );
  }
  const payload = catalogue[subject].schema.safeParse(envelope.data.payload);
  if (!payload.success) {
    throw new MessagingException(
      MessagingExceptionCode.INVALID_MESSAGE,
      `payload on ${subject} is invalid: ${payload.error.message}`,
    );
  }
  return { ...envelope.data, payload: payload.data as PayloadOf<S> };
}

export function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** Child meta: same run and org, caused by `cause`, with a deterministic id. */
export function causedBy(cause: Pick<Envelope, 'id' | 'correlationId' | 'orgId'>, id: string): MessageMeta {
  return { id, correlationId: cause.correlationId, causationId: cause.id, orgId: cause.orgId };
}

import { z } from 'zod';

/**
 * The envelope every message on NATS carries (ARCHITECTURE.md §3).
 * `id` is deterministic for a given fact or command, so JetStream de-duplicates redeliveries and re-publishes.
 */
export const EnvelopeSchema = z.object({
  /** Deterministic message id; also the JetStream `Nats-Msg-Id`. */
  id: z.string().min(1).max(256),
  /** Catalogue subject, e.g. `webbyflow.evt.task.completed.v1` (without any routing suffix). */
  subject: z.string().min(1),
  /** Major version of the payload schema; equals the `vN` suffix of the subject. */
  version: z.number().int().positive(),
  /** The run (task id) this message belongs to. */
  correlationId: z.string().min(1),
  /** Id of the message that caused this one; null for messages caused by an API call. */
  causationId: z.string().nullable(),
  /** ISO-8601 time at which the fact happened or the command was issued. */
  occurredAt: z.iso.datetime(),
  /** Tenant the run belongs to. */
  orgId: z.string().min(1),
  /** Subject-specific body, validated against the catalogue schema. */
  payload: z.unknown(),
});
export type Envelope<P = unknown> = Omit<z.infer<typeof EnvelopeSchema>, 'payload'> & { payload: P };

import { z } from 'zod';
import { type Subject, catalogue, versionOf } from '../catalogue/catalogue';
import { EnvelopeSchema } from '../envelope/envelope';
import { ErrorInfoV1 } from '../payloads/common.schemas';

export type JsonSchemaObject = Record<string, unknown>;

/**
 * Wire form of a query answer. Mirrors `QueryReply` in libs/messaging (query-reply.ts), which contracts may
 * not import; the generator spec checks a real reply against it.
 */
const queryReplyOf = (reply: z.ZodType) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data: reply }),
    z.object({ ok: z.literal(false), error: ErrorInfoV1 }),
  ]);

/** The envelope of `subject` with its `subject`, `version` and `payload` pinned down. */
export function envelopeSchemaOf(subject: Subject): JsonSchemaObject {
  return toDocumentSchema(
    EnvelopeSchema.extend({
      subject: z.literal(subject),
      version: z.literal(versionOf(subject)),
      payload: catalogue[subject].schema,
    }),
  );
}

/** What the responder of a query sends back to the requester's inbox (no envelope). */
export function replySchemaOf(subject: Subject): JsonSchemaObject {
  const definition = catalogue[subject];
  if (definition.kind !== 'query') throw new Error(`${subject} is not a query`);
  return toDocumentSchema(queryReplyOf(definition.reply));
}

/** The generic envelope, for readers who want it on its own. */
export const envelopeSchema = (): JsonSchemaObject => toDocumentSchema(EnvelopeSchema);

/**
 * JSON Schema draft-07 (what AsyncAPI's default schema format extends) of the wire form: `io: 'output'`,
 * because publishers send payloads after zod applied defaults. Unrepresentable parts (z.custom) become `{}`.
 */
function toDocumentSchema(schema: z.ZodType): JsonSchemaObject {
  const { $schema: _dialect, ...generated } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'any',
  }) as JsonSchemaObject;
  // Inlined into a bigger document, a `#/definitions/...` reference would point at the document root.
  if (/"\$ref"|"definitions"/.test(JSON.stringify(generated))) {
    throw new Error('a catalogue schema needs $ref (recursive?); hoist it into components.schemas first');
  }
  return tidy(generated) as JsonSchemaObject;
}

/**
 * Drops what only adds noise for readers and code generators: the regex zod puts beside a `format`, the
 * safe-integer bounds on every integer, and `additionalProperties: false` — zod strips unknown keys and
 * payload changes are additive, so readers must accept fields they do not know.
 */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy);
  if (!value || typeof value !== 'object') return value;
  const schema = value as JsonSchemaObject;
  const kept = Object.entries(schema).filter(([key, item]) => {
    if (key === 'pattern' && typeof schema.format === 'string') return false;
    if ((key === 'minimum' || key === 'maximum') && Math.abs(Number(item)) === Number.MAX_SAFE_INTEGER) return false;
    return !(key === 'additionalProperties' && item === false);
  });
  return Object.fromEntries(kept.map(([key, item]) => [key, tidy(item)]));
}

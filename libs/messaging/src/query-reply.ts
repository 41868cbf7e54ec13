import { z } from 'zod';

/** Wire form of a query answer: the reply payload, or a cross-process error (STYLE.md §12). */
export const QueryReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ name: z.string(), code: z.string(), message: z.string(), terminal: z.boolean() }),
  }),
]);
export type QueryReply = z.infer<typeof QueryReply>;

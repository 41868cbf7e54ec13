import { z } from 'zod';

/** An error that crosses a process: recognised by `code`, never by class (STYLE.md §12). */
export const ErrorInfoV1 = z.object({
  name: z.string(),
  code: z.string(),
  message: z.string(),
  /** True when retrying the same step cannot help (e.g. an invalid request). */
  terminal: z.boolean().default(false),
  /** How long the caller should wait before trying again (e.g. a provider's `retry-after`), when known. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type ErrorInfoV1 = z.infer<typeof ErrorInfoV1>;

export const ArtifactKindV1 = z.enum(['screenshot', 'html', 'element_tree', 'download', 'browser_state']);
export type ArtifactKindV1 = z.infer<typeof ArtifactKindV1>;

/**
 * `pending`: the artifact store was down, the bytes wait in artifact-svc's local spool and are stored by its
 * retry loop; `stored`: in the store.
 */
export const ArtifactStateV1 = z.enum(['pending', 'stored']);
export type ArtifactStateV1 = z.infer<typeof ArtifactStateV1>;

/** A pointer to bytes held by artifact-svc; bytes never travel over NATS. */
export const ArtifactRefV1 = z.object({
  artifactId: z.uuid(),
  kind: ArtifactKindV1,
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().length(64),
  /** Absent means `stored` (producers before the spool). */
  state: ArtifactStateV1.optional(),
});
export type ArtifactRefV1 = z.infer<typeof ArtifactRefV1>;

export const TaskStatusV1 = z.enum([
  'created',
  'queued',
  'running',
  'completed',
  'failed',
  'terminated',
  'timed_out',
  'canceled',
]);
export type TaskStatusV1 = z.infer<typeof TaskStatusV1>;

export const TERMINAL_TASK_STATUSES: readonly TaskStatusV1[] = [
  'completed',
  'failed',
  'terminated',
  'timed_out',
  'canceled',
];

/** A task's model: `openai:<model>`, `anthropic:<model>`, or a bare name for the configured provider. */
export const TaskModelV1 = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'a model name such as gpt-4o-mini or anthropic:claude-haiku-4-5');

/** One model call made while planning a step: what it cost and how it went. */
export const LlmCallV1 = z.object({
  provider: z.string(),
  model: z.string(),
  /** The repair turn after an answer that failed validation. */
  repair: z.boolean(),
  /** HTTP attempts, the SDK's own retries (429/5xx, honouring `retry-after`) included. */
  httpAttempts: z.number().int().nonnegative(),
  /** Status of each attempt that got an answer, e.g. `[429, 200]`. */
  httpStatuses: z.array(z.number().int()),
  /** `ok`, `invalid` (answer failed validation) or the error code of a failed call. */
  outcome: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  withImage: z.boolean(),
});
export type LlmCallV1 = z.infer<typeof LlmCallV1>;

/** Model use of a whole run, summed over its steps. */
export const TaskUsageV1 = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  /** USD at llm-svc's price table (`LLM_PRICES`); models without a price count 0. */
  costUsd: z.number().nonnegative(),
  llmCalls: z.number().int().nonnegative(),
});
export type TaskUsageV1 = z.infer<typeof TaskUsageV1>;

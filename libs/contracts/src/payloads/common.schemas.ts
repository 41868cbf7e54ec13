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

/** A pointer to bytes held by artifact-svc; bytes never travel over NATS. */
export const ArtifactRefV1 = z.object({
  artifactId: z.uuid(),
  kind: ArtifactKindV1,
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().length(64),
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

import { z } from 'zod';

/** What the error-recovery coordinator can do about a service's `*.failed` event. */
export const RecoveryStrategyV1 = z.enum([
  'new_session',
  'retry_with_backoff',
  'rescrape_replan',
  'shrink_budget',
  'fail',
]);
export type RecoveryStrategyV1 = z.infer<typeof RecoveryStrategyV1>;

/**
 * One recovery attempt of a run (`recovery_attempted` / `recovery_succeeded` / `recovery_exhausted`).
 * `stepIndex` is null when the run had no step yet (its first session did not open).
 */
export const RecoveryEventV1 = z.object({
  taskId: z.uuid(),
  stepIndex: z.number().int().nonnegative().nullable(),
  /** The service whose failure started it: `browser`, `llm`, `artifact`. */
  component: z.string(),
  /** The failure's error code, e.g. SESSION_LOST. */
  code: z.string(),
  strategy: RecoveryStrategyV1,
  /** 1-based attempt of this failure kind in the run; 0 when the strategy is `fail`. */
  attempt: z.number().int().nonnegative(),
  maxAttempts: z.number().int().nonnegative(),
  reason: z.string(),
});
export type RecoveryEventV1 = z.infer<typeof RecoveryEventV1>;

/** A recovery attempt as the step view shows it. */
export const RecoveryAttemptViewV1 = z.object({
  component: z.string(),
  code: z.string(),
  strategy: RecoveryStrategyV1,
  attempt: z.number().int().nonnegative(),
  maxAttempts: z.number().int().nonnegative(),
  status: z.enum(['awaiting_session', 'attempted', 'succeeded', 'exhausted']),
  reason: z.string(),
  createdAt: z.iso.datetime(),
});
export type RecoveryAttemptViewV1 = z.infer<typeof RecoveryAttemptViewV1>;

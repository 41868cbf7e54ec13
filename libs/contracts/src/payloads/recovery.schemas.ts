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
 * One row of the recovery strategy table: what to do about `component` failing with `code` (`*` matches any).
 * The same shape for the defaults, the global and per-org settings and a task's own rules.
 */
export const RecoveryRuleV1 = z.object({
  /** The failing service: `browser`, `llm`, `artifact`, or `*`. */
  component: z.string().min(1).max(64),
  /** The failure's error code, e.g. SESSION_LOST, or `*`. */
  code: z.string().min(1).max(64),
  strategy: RecoveryStrategyV1,
  /** Attempts of this failure kind in one run before the run fails. */
  maxAttempts: z.number().int().min(0).max(20).default(3),
  /** Backoff before attempt n: min(maxMs, baseMs × 2^(n−1)), or the failure's retry-after if longer. */
  baseMs: z.number().int().min(0).default(0),
  maxMs: z.number().int().min(0).max(120_000).default(30_000),
  /** No new attempt once this long has passed since the first attempt of this kind in the run. */
  withinMs: z.number().int().min(1000).default(300_000),
});
export type RecoveryRuleV1 = z.output<typeof RecoveryRuleV1>;

/** Most recovery rules one task may bring. */
export const MAX_TASK_RECOVERY_RULES = 50;

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

import { RecoveryRuleV1, type RecoveryStrategyV1 } from '@webbyflow/contracts';

// Rows are the contract's RecoveryRuleV1: defaults, RECOVERY_RULES, RECOVERY_ORG_RULES and a task's own rules
// have one shape.
const rule = (
  component: string,
  codes: string[],
  strategy: RecoveryStrategyV1,
  rest: Partial<Omit<RecoveryRuleV1, 'component' | 'code' | 'strategy'>> = {},
): RecoveryRuleV1[] => codes.map((code) => RecoveryRuleV1.parse({ component, code, strategy, ...rest }));

/** The default strategy table, keyed by component and code. Codes not listed fall to `component/*`, then `*\/*`. */
export const DEFAULT_RECOVERY_RULES: readonly RecoveryRuleV1[] = [
  ...rule(
    'browser',
    ['SESSION_LOST', 'SESSION_NOT_FOUND', 'SESSION_CLOSED', 'TARGET_CLOSED', 'BROWSER_CRASHED'],
    'new_session',
  ),
  ...rule(
    'browser',
    [
      'NAVIGATION_FAILED',
      'NAVIGATION_TIMEOUT',
      'SCRAPE_FAILED',
      'UNAVAILABLE',
      'BROWSER_LAUNCH_FAILED',
      'SESSION_LIMIT_REACHED',
    ],
    'retry_with_backoff',
    { baseMs: 1000, maxMs: 10_000 },
  ),
  ...rule('browser', ['ELEMENT_STALE', 'ELEMENT_NOT_FOUND', 'ACTION_TIMEOUT', 'ACTION_FAILED'], 'rescrape_replan', {
    maxAttempts: 2,
  }),
  ...rule('browser', ['INVALID_BROWSER_OPTIONS', 'INVALID_ACTION', 'CAPTCHA_UNSUPPORTED'], 'fail', { maxAttempts: 0 }),
  ...rule('llm', ['PROVIDER_ERROR', 'RATE_LIMITED', 'TIMEOUT'], 'retry_with_backoff', { baseMs: 2000, maxMs: 30_000 }),
  // llm-svc already repairs an invalid answer once; one more plan on a fresh scrape, then the run fails.
  ...rule('llm', ['PLAN_INVALID'], 'rescrape_replan', { maxAttempts: 1 }),
  ...rule('llm', ['PROMPT_TOO_LONG', 'CONTEXT_LENGTH_EXCEEDED'], 'shrink_budget', { maxAttempts: 2 }),
  ...rule('llm', ['PROVIDER_AUTH', 'PROVIDER_REJECTED', 'ABORTED'], 'fail', { maxAttempts: 0 }),
  ...rule('artifact', ['*'], 'retry_with_backoff', { baseMs: 1000, maxMs: 10_000 }),
  ...rule('*', ['*'], 'fail', { maxAttempts: 0 }),
];

/**
 * The rule for a failure. Layers are searched most specific key first (component+code, component+*,
 * *+code, *+*); within a key, the first layer that has it wins (the task's rules, the org's, the global
 * ones, then the defaults).
 */
export function findRecoveryRule(
  layers: ReadonlyArray<readonly RecoveryRuleV1[]>,
  component: string,
  code: string,
): RecoveryRuleV1 {
  const keys: Array<[string, string]> = [
    [component, code],
    [component, '*'],
    ['*', code],
    ['*', '*'],
  ];
  for (const [c, k] of keys) {
    for (const layer of layers) {
      const found = layer.find((r) => r.component === c && r.code === k);
      if (found) return found;
    }
  }
  return RecoveryRuleV1.parse({ component: '*', code: '*', strategy: 'fail', maxAttempts: 0 });
}

/** Delay before attempt `attempt` (1-based): exponential, capped, and never shorter than a known retry-after. */
export function recoveryBackoffMs(rule: RecoveryRuleV1, attempt: number, retryAfterMs?: number): number {
  const exponential = rule.baseMs === 0 ? 0 : Math.min(rule.maxMs, rule.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(rule.maxMs, Math.max(exponential, retryAfterMs ?? 0));
}

export type RecoveryVerdict =
  { kind: 'attempt'; attempt: number; delayMs: number } | { kind: 'exhausted'; attempt: number; why: string };

/** Whether the run may try again: bounded by attempts and by time since the first attempt of this kind. */
export function judgeAttempt(
  rule: RecoveryRuleV1,
  prior: { count: number; firstAt: Date | null },
  now: Date,
  retryAfterMs?: number,
): RecoveryVerdict {
  const attempt = prior.count + 1;
  if (rule.strategy === 'fail' || rule.maxAttempts === 0)
    return { kind: 'exhausted', attempt: 0, why: 'not recoverable' };
  if (attempt > rule.maxAttempts) {
    return { kind: 'exhausted', attempt: prior.count, why: `${rule.maxAttempts} attempt(s) used up` };
  }
  if (prior.firstAt && now.getTime() - prior.firstAt.getTime() > rule.withinMs) {
    return { kind: 'exhausted', attempt: prior.count, why: `no success within ${rule.withinMs / 1000} s` };
  }
  return { kind: 'attempt', attempt, delayMs: recoveryBackoffMs(rule, attempt, retryAfterMs) };
}

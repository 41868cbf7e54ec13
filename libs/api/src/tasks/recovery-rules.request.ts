import { MAX_TASK_RECOVERY_RULES, RecoveryRuleV1 } from '@webbyflow/contracts';
import { z } from 'zod';

const rule = RecoveryRuleV1.shape;

/** One item of `recovery_rules`: RecoveryRuleV1 with snake_case names, unknown fields rejected. */
export const RecoveryRuleRequest = z
  .strictObject({
    component: rule.component.describe('The failing service: browser, llm, artifact, or * for any.'),
    code: rule.code.describe('The error code, e.g. SESSION_LOST, NAVIGATION_TIMEOUT, PLAN_INVALID, or * for any.'),
    strategy: rule.strategy.describe(
      'new_session: a new browser session, the run goes on in a new step; retry_with_backoff: a failed scrape is ' +
        're-sent, anything else re-scraped and re-planned in a new step; rescrape_replan: re-scrape and re-plan in ' +
        'a new step; shrink_budget: the same with the element tree budget halved per attempt; fail: the run fails.',
    ),
    max_attempts: rule.maxAttempts.describe('Attempts of this failure kind in one run before the run fails.'),
    base_ms: rule.baseMs.describe(
      'Wait before attempt n: min(max_ms, base_ms × 2^(n−1)), or the failure’s retry-after when longer; 0: none.',
    ),
    max_ms: rule.maxMs.describe('Longest backoff.'),
    within_ms: rule.withinMs.describe(
      'No new attempt once this long has passed since the first attempt of this kind in the run.',
    ),
  })
  .describe('What to do when a service fails with a code during this task’s run.');
export type RecoveryRuleRequest = z.output<typeof RecoveryRuleRequest>;

const key = (r: { component: string; code: string }) => `${r.component} ${r.code}`;

/** `recovery_rules` on `POST /v1/tasks`: at most one rule per component and code. */
export const RecoveryRulesRequest = z
  .array(RecoveryRuleRequest)
  .max(MAX_TASK_RECOVERY_RULES)
  .superRefine((rules, ctx) => {
    const first = new Map<string, number>();
    rules.forEach((r, i) => {
      const earlier = first.get(key(r));
      if (earlier === undefined) first.set(key(r), i);
      else
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `repeats component ${r.component} and code ${r.code} of recovery_rules[${earlier}]; send one rule for each`,
        });
    });
  })
  .optional()
  .describe(
    'The task’s own recovery rules. For a failure the most specific rule wins (component and code, then ' +
      'component and *, then * and code, then * and *); at the same one, the task’s rule wins over the org’s, ' +
      'the server’s and the defaults, so browser/* does not replace the default for browser/SESSION_LOST.',
  );

/** The contract's camelCase rules from validated request items. */
export const toRecoveryRules = (rules: RecoveryRuleRequest[]): RecoveryRuleV1[] =>
  rules.map(({ max_attempts, base_ms, max_ms, within_ms, ...key }) => ({
    ...key,
    maxAttempts: max_attempts,
    baseMs: base_ms,
    maxMs: max_ms,
    withinMs: within_ms,
  }));

/** The wire form of a task's rules, as the task view shows them. */
export const fromRecoveryRules = (rules: RecoveryRuleV1[]): RecoveryRuleRequest[] =>
  rules.map(({ maxAttempts, baseMs, maxMs, withinMs, ...key }) => ({
    ...key,
    max_attempts: maxAttempts,
    base_ms: baseMs,
    max_ms: maxMs,
    within_ms: withinMs,
  }));

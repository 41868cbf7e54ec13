import { RecoveryRuleV1 } from '@webbyflow/contracts';
import { DEFAULT_RECOVERY_RULES, findRecoveryRule, judgeAttempt, recoveryBackoffMs } from './recovery-policy';
import { recoveryConfigSchema } from './recovery.config';

const layers = [DEFAULT_RECOVERY_RULES];

describe('recovery policy', () => {
  describe(findRecoveryRule.name, () => {
    it('should pick new_session when browser-svc lost or does not know the session', () => {
      expect(findRecoveryRule(layers, 'browser', 'SESSION_LOST').strategy).toBe('new_session');
      expect(findRecoveryRule(layers, 'browser', 'SESSION_NOT_FOUND').strategy).toBe('new_session');
    });

    it('should map llm and artifact failures by code, then by component, then fail', () => {
      expect(findRecoveryRule(layers, 'llm', 'PROVIDER_ERROR').strategy).toBe('retry_with_backoff');
      expect(findRecoveryRule(layers, 'llm', 'PLAN_INVALID')).toMatchObject({
        strategy: 'rescrape_replan',
        maxAttempts: 1,
      });
      expect(findRecoveryRule(layers, 'llm', 'PROMPT_TOO_LONG').strategy).toBe('shrink_budget');
      expect(findRecoveryRule(layers, 'artifact', 'ANYTHING').strategy).toBe('retry_with_backoff');
      expect(findRecoveryRule(layers, 'gateway', 'WHATEVER').strategy).toBe('fail');
    });

    it('should let an earlier layer (per org) override a default row of the same key', () => {
      const org = [
        RecoveryRuleV1.parse({ component: 'browser', code: 'SESSION_LOST', strategy: 'fail', maxAttempts: 0 }),
      ];
      expect(findRecoveryRule([org, ...layers], 'browser', 'SESSION_LOST').strategy).toBe('fail');
      expect(findRecoveryRule([org, ...layers], 'browser', 'SESSION_NOT_FOUND').strategy).toBe('new_session');
    });

    it('should prefer a more specific key in a later layer to a wildcard of the task’s layer', () => {
      const task = [RecoveryRuleV1.parse({ component: 'browser', code: '*', strategy: 'fail' })];
      const org = [RecoveryRuleV1.parse({ component: 'browser', code: '*', strategy: 'rescrape_replan' })];
      expect(findRecoveryRule([task, org, ...layers], 'browser', 'SESSION_LOST').strategy).toBe('new_session');
      expect(findRecoveryRule([task, org, ...layers], 'browser', 'NOT_LISTED').strategy).toBe('fail');
    });
  });

  describe(recoveryBackoffMs.name, () => {
    const rule = RecoveryRuleV1.parse({
      component: 'llm',
      code: 'X',
      strategy: 'retry_with_backoff',
      baseMs: 1000,
      maxMs: 5000,
    });

    it('should double per attempt up to the cap', () => {
      expect([1, 2, 3, 4, 10].map((n) => recoveryBackoffMs(rule, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    });

    it('should honour a longer retry-after, still capped', () => {
      expect(recoveryBackoffMs(rule, 1, 3000)).toBe(3000);
      expect(recoveryBackoffMs(rule, 3, 100)).toBe(4000);
      expect(recoveryBackoffMs(rule, 1, 60_000)).toBe(5000);
    });
  });

  describe(judgeAttempt.name, () => {
    const rule = RecoveryRuleV1.parse({
      component: 'browser',
      code: 'SESSION_LOST',
      strategy: 'new_session',
      maxAttempts: 2,
      withinMs: 60_000,
    });
    const now = new Date('2026-11-20T12:00:00Z');

    it('should allow attempts up to maxAttempts and then be exhausted', () => {
      expect(judgeAttempt(rule, { count: 0, firstAt: null }, now)).toEqual({ kind: 'attempt', attempt: 1, delayMs: 0 });
      expect(judgeAttempt(rule, { count: 1, firstAt: now }, now)).toMatchObject({ kind: 'attempt', attempt: 2 });
      expect(judgeAttempt(rule, { count: 2, firstAt: now }, now)).toEqual({
        kind: 'exhausted',
        attempt: 2,
        why: '2 attempt(s) used up',
      });
    });

    it('should be exhausted when the first attempt is older than withinMs', () => {
      const first = new Date(now.getTime() - 61_000);
      expect(judgeAttempt(rule, { count: 1, firstAt: first }, now)).toMatchObject({ kind: 'exhausted' });
    });

    it('should never attempt a fail rule', () => {
      const fail = RecoveryRuleV1.parse({ component: '*', code: '*', strategy: 'fail', maxAttempts: 0 });
      expect(judgeAttempt(fail, { count: 0, firstAt: null }, now)).toMatchObject({ kind: 'exhausted', attempt: 0 });
    });
  });

  describe('recoveryConfigSchema', () => {
    it('should read per-org rules from JSON and refuse a malformed value', () => {
      const config = recoveryConfigSchema.parse({
        RECOVERY_ORG_RULES: JSON.stringify({ o1: [{ component: 'llm', code: '*', strategy: 'fail', maxAttempts: 0 }] }),
      });
      expect(config.RECOVERY_ORG_RULES.o1?.[0]?.strategy).toBe('fail');
      expect(recoveryConfigSchema.safeParse({ RECOVERY_RULES: '[{"strategy":"nope"}]' }).success).toBe(false);
    });
  });
});

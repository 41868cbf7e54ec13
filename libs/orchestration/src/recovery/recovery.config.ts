import { RecoveryRuleV1 } from '@webbyflow/contracts';
import { z } from 'zod';

const json = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return schema.parse(fallback);
      try {
        const parsed = schema.safeParse(JSON.parse(raw));
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: 'custom', message: parsed.error.message });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
      }
      return z.NEVER;
    });

/** Settings of the error-recovery coordinator. */
export const recoveryConfigSchema = z.object({
  /** Rules that replace default rows of the strategy table for every org (JSON array of RecoveryRuleV1). */
  RECOVERY_RULES: json(z.array(RecoveryRuleV1), []),
  /**
   * Per-org rules, searched after a task's own rules (`recovery_rules`) and before RECOVERY_RULES and the
   * defaults (JSON object: org id → array of RecoveryRuleV1).
   */
  RECOVERY_ORG_RULES: json(z.record(z.string(), z.array(RecoveryRuleV1)), {}),
  /** A replacement browser session that has not opened after this long ends the run `failed`. */
  RECOVERY_SESSION_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  /**
   * A browser-svc instance whose heartbeat has not changed for this long has lost its sessions: their runs go on
   * in a new session elsewhere. Detection takes at most this plus two ORCHESTRATOR_SWEEP_INTERVAL_MS.
   */
  BROWSER_HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(6_000),
});
export type RecoveryConfig = z.output<typeof recoveryConfigSchema>;

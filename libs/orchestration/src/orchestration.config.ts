import { z } from 'zod';

/** Settings of the agent loop. */
export const orchestrationConfigSchema = z.object({
  /** How often deadlines of live runs are checked. */
  ORCHESTRATOR_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  /** Previous actions sent to the planner with each step. */
  ORCHESTRATOR_HISTORY_LIMIT: z.coerce.number().int().min(0).max(200).default(30),
  /** Attempts and per-attempt timeout for webhook deliveries. */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
});
export type OrchestrationConfig = z.output<typeof orchestrationConfigSchema>;
export const ORCHESTRATION_CONFIG = Symbol('webbyflow:orchestration-config');

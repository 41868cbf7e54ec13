import { envBoolean, hostAllowListSetting } from '@webbyflow/common';
import { webhookSecretConfigSchema } from '@webbyflow/persistence';
import { z } from 'zod';
import { recoveryConfigSchema } from './recovery/recovery.config';

/** Settings of the agent loop. */
export const orchestrationConfigSchema = z.object({
  /** How often deadlines of live runs are checked. */
  ORCHESTRATOR_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  /** Most runs starting or running at once, over all orgs; size it to the browser contexts of all browser-svcs. */
  ORCHESTRATOR_MAX_RUNNING: z.coerce.number().int().min(1).default(8),
  /** Most runs starting or running at once for one org. */
  ORCHESTRATOR_MAX_RUNNING_PER_ORG: z.coerce.number().int().min(1).default(8),
  /** Most runs waiting for a slot; a create beyond it is refused (the gateway answers 429 with Retry-After). */
  ORCHESTRATOR_MAX_QUEUED: z.coerce.number().int().min(1).default(2000),
  /** Most runs of one org waiting for a slot. */
  ORCHESTRATOR_MAX_QUEUED_PER_ORG: z.coerce.number().int().min(1).default(2000),
  /** How often free slots are filled besides when a run ends (a backstop, and after a full browser). */
  ORCHESTRATOR_ADMISSION_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** How long an Idempotency-Key keeps returning the task it created. */
  ORCHESTRATOR_IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** Previous actions sent to the planner with each step. */
  ORCHESTRATOR_HISTORY_LIMIT: z.coerce.number().int().min(0).max(200).default(30),
  /** Ask llm-svc whether the goal is really met before completing a run an LLM plan says is done. */
  ORCHESTRATOR_COMPLETION_CHECK: envBoolean(true),
  /** Most attempts of one webhook delivery (the first included). */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  /** Deadline of one webhook attempt: connect, send, and the receiver's answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Backoff before retry n is a random delay below min(WEBHOOK_MAX_DELAY_MS, base × 2^(n−1)). */
  WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(10).default(5_000),
  /** Longest wait between two attempts, also the cap on a receiver's Retry-After. */
  WEBHOOK_MAX_DELAY_MS: z.coerce.number().int().min(100).default(600_000),
  /** How often due webhook deliveries are looked for (a finished run is delivered at once). */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  /** Internal hosts webhooks may reach anyway: IPs, CIDRs or host names, comma-separated (e.g. 127.0.0.1,::1). */
  WEBHOOK_ALLOWED_HOSTS: hostAllowListSetting(),
  /** Outbox rows one relay pass publishes; the relay is woken on commit, so this bounds a pass, not latency. */
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  /** Fallback look at the outbox, for rows whose commit notification was missed (listener reconnecting). */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  /** Longest wait between relay attempts while NATS refuses (exponential from 100 ms). */
  OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().min(100).default(5_000),
  /** Sent outbox rows are kept this long (and their ids refused as duplicates), then deleted. */
  OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  ...webhookSecretConfigSchema.shape,
  ...recoveryConfigSchema.shape,
});
export type OrchestrationConfig = z.output<typeof orchestrationConfigSchema>;
export const ORCHESTRATION_CONFIG = Symbol('webbyflow:orchestration-config');

import { hostname } from 'node:os';
import { artifactClientConfigSchema } from '@webbyflow/artifact-client';
import { loadConfig } from '@webbyflow/common';
import { PlannerModeV1 } from '@webbyflow/contracts';
import { LlmEnvSchema, MAX_PLAN_ATTEMPTS } from '@webbyflow/llm';
import { messagingConfigSchema } from '@webbyflow/messaging';
import { runtimeConfigSchema } from '@webbyflow/runtime';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** `llm-<hostname>` as a NATS subject token. */
export const defaultInstanceId = (host = hostname()) => `llm-${host.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Environment of llm-svc: runtime, messaging, artifact client and LLM settings (LLM_API_KEY is secret). */
export const llmSvcConfigSchema = runtimeConfigSchema
  .extend(messagingConfigSchema.shape)
  .extend(artifactClientConfigSchema.shape)
  .extend(LlmEnvSchema.shape)
  .extend({
    /** Port of the health endpoint. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3003),
    /** Stable id of this process, a NATS subject token. */
    INSTANCE_ID: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/)
        .default(() => defaultInstanceId()),
    ),
    /** The planner of tasks that name none: `auto` (heuristic when confident, else the model), `llm` or `heuristic`. */
    PLANNER_DEFAULT: PlannerModeV1.default('auto'),
    /** In planner `auto`, the heuristic's plan is used at or above this confidence (0–1); below it the model plans. */
    HEURISTIC_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.7),
    /** Deadline of one plan_step (downloads and every model call); unset: every attempt of every model + 30 s. */
    PLAN_STEP_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1000).optional()),
  });
export type LlmSvcConfig = z.output<typeof llmSvcConfigSchema>;

/** Token of the injected LlmSvcConfig. */
export const LLM_SVC_CONFIG = Symbol('llm-svc:config');

export const loadLlmSvcConfig = (env: Record<string, string | undefined>): LlmSvcConfig =>
  loadConfig(llmSvcConfigSchema, env);

/** The deadline of one plan_step command. */
export function planStepTimeoutMs(config: LlmSvcConfig): number {
  const models = 1 + config.LLM_FALLBACKS.length;
  return config.PLAN_STEP_TIMEOUT_MS ?? models * MAX_PLAN_ATTEMPTS * config.LLM_TIMEOUT_MS + 30_000;
}

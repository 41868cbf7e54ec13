import { z } from 'zod';
import { loadConfig, secret } from '@webbyflow/common';

export const LLM_PROVIDERS = ['openai', 'anthropic'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

export const DEFAULT_MODELS: Readonly<Record<LlmProviderName, string>> = {
  openai: 'gpt-4o-mini',
  // Not claude-sonnet-4-5: SDK 1.12 warns it reaches end-of-life on 2026-11-30.
  anthropic: 'claude-sonnet-4-6',
};

/** Sent when no key is configured: local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore it. */
export const PLACEHOLDER_API_KEY = 'no-key';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** Environment variables read by the LLM planner. */
export const LlmEnvSchema = z.object({
  /** Which SDK speaks to the model: `openai` (also any OpenAI-compatible server) or `anthropic`. */
  LLM_PROVIDER: z.enum(LLM_PROVIDERS).default('openai'),
  /** Base URL of the API, e.g. `http://127.0.0.1:11434/v1` for Ollama; unset means the provider's own. */
  LLM_BASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  /** API key; optional so that local servers work without one. */
  LLM_API_KEY: secret(z.preprocess(emptyAsUndefined, z.string().optional())),
  /** Model name; defaults to gpt-4o-mini (openai) or claude-sonnet-4-6 (anthropic). */
  LLM_MODEL: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** Deadline of one model call, SDK retries included. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  /** Cap on the tokens of one answer. */
  LLM_MAX_TOKENS: z.coerce.number().int().min(64).max(32_000).default(2048),
  /** Retries the SDK makes on its own for connection errors, 408, 409, 429 and 5xx. */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Sampling temperature (ignored by the Anthropic provider: the SDK no longer takes one). */
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
});

/** Typed LLM configuration, injected into providers and the planner. */
export interface LlmConfig {
  provider: LlmProviderName;
  baseUrl: string | undefined;
  /** Secret: never log; use `redactLlmConfig`. */
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxTokens: number;
  maxRetries: number;
  temperature: number;
}

/** Reads and checks the LLM settings; throws ConfigException naming every bad variable. */
export function loadLlmConfig(env: Record<string, string | undefined> = process.env): LlmConfig {
  return toLlmConfig(loadConfig(LlmEnvSchema, env));
}

/** Maps already-parsed LLM variables (e.g. from a service schema that extends LlmEnvSchema) to LlmConfig. */
export function toLlmConfig(raw: z.output<typeof LlmEnvSchema>): LlmConfig {
  return {
    provider: raw.LLM_PROVIDER,
    baseUrl: raw.LLM_BASE_URL,
    apiKey: raw.LLM_API_KEY ?? PLACEHOLDER_API_KEY,
    model: raw.LLM_MODEL ?? DEFAULT_MODELS[raw.LLM_PROVIDER],
    timeoutMs: raw.LLM_TIMEOUT_MS,
    maxTokens: raw.LLM_MAX_TOKENS,
    maxRetries: raw.LLM_MAX_RETRIES,
    temperature: raw.LLM_TEMPERATURE,
  };
}

/** A copy that is safe to log. */
export function redactLlmConfig(config: LlmConfig): LlmConfig {
  return { ...config, apiKey: '***' };
}

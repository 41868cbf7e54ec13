import { z } from 'zod';
import { envBoolean, loadConfig, secret } from '@webbyflow/common';
import { DEFAULT_PRICES, ModelPriceSchema, type PriceTable } from './accounting/price-table';

export const LLM_PROVIDERS = ['openai', 'anthropic'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

export const DEFAULT_MODELS: Readonly<Record<LlmProviderName, string>> = {
  openai: 'gpt-4o-mini',
  // Not claude-sonnet-4-5: SDK 1.12 warns it reaches end-of-life on 2026-11-30.
  anthropic: 'claude-sonnet-4-6',
};

/** Sent when no key is configured: local OpenAI-compatible servers (Ollama, vLLM, LM Studio) ignore it. */
export const PLACEHOLDER_API_KEY = 'no-key';

/** How an answer is held to the plan schema: OpenAI `response_format` json_schema / json_object, or prompt only. */
export const STRUCTURED_OUTPUT_MODES = ['json_schema', 'json_object', 'none'] as const;
export type StructuredOutputMode = (typeof STRUCTURED_OUTPUT_MODES)[number];

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const jsonText = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value; // zod then reports the wrong type, naming the variable
  }
};

/** One model endpoint of the fallback chain, as `LLM_FALLBACKS` lists it. */
export const LlmEndpointEnvSchema = z.object({
  provider: z.enum(LLM_PROVIDERS),
  model: z.string().min(1).max(200),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Unset: the primary's key when provider and base URL are the same, else the placeholder. */
  apiKey: z.string().optional(),
  structuredOutput: z.enum(STRUCTURED_OUTPUT_MODES).optional(),
  vision: z.boolean().optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  requestsPerMinute: z.number().int().min(0).optional(),
});

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
  /** `json_schema` (structured outputs; OpenAI, Ollama, vLLM, LM Studio), `json_object` or `none`. Anthropic uses a tool. */
  LLM_STRUCTURED_OUTPUT: z.enum(STRUCTURED_OUTPUT_MODES).default('json_schema'),
  /** Attach the page screenshot to every plan prompt (a task can also ask with `vision: true`). */
  LLM_VISION: envBoolean(false),
  /** Model calls in flight at once, per endpoint (the default for fallbacks too). */
  LLM_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** Calls started per minute, per endpoint; 0: no limit. */
  LLM_REQUESTS_PER_MINUTE: z.coerce.number().int().min(0).default(0),
  /** Ordered fallback chain: a JSON array of `{provider, model, baseUrl?, apiKey?, …}`. Secret (keys). */
  LLM_FALLBACKS: secret(z.preprocess(jsonText, z.array(LlmEndpointEnvSchema).max(8).default([]))),
  /** JSON object of model → `{input, output, cachedInput?}` USD per 1M tokens, merged over the built-in table. */
  LLM_PRICES: z.preprocess(jsonText, z.record(z.string().min(1), ModelPriceSchema).default({})),
});

/** One model behind one endpoint: the primary (from `LLM_*`) or a fallback. */
export interface LlmEndpoint {
  provider: LlmProviderName;
  baseUrl: string | undefined;
  /** Secret: never log; use `redactLlmConfig`. */
  apiKey: string;
  model: string;
  structuredOutput: StructuredOutputMode;
  /** Attach the screenshot to every prompt sent to this model. */
  vision: boolean;
  concurrency: number;
  /** 0: no limit. */
  requestsPerMinute: number;
}

/** Typed LLM configuration, injected into providers and the planner; the top-level fields are the primary. */
export interface LlmConfig extends LlmEndpoint {
  /** Tried in order when the primary (or the task's model) fails. */
  fallbacks: LlmEndpoint[];
  prices: PriceTable;
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
  const primary: LlmEndpoint = {
    provider: raw.LLM_PROVIDER,
    baseUrl: raw.LLM_BASE_URL,
    apiKey: raw.LLM_API_KEY ?? PLACEHOLDER_API_KEY,
    model: raw.LLM_MODEL ?? DEFAULT_MODELS[raw.LLM_PROVIDER],
    structuredOutput: raw.LLM_STRUCTURED_OUTPUT,
    vision: raw.LLM_VISION,
    concurrency: raw.LLM_CONCURRENCY,
    requestsPerMinute: raw.LLM_REQUESTS_PER_MINUTE,
  };
  const fallbacks = raw.LLM_FALLBACKS.map((entry): LlmEndpoint => ({
    provider: entry.provider,
    baseUrl: entry.baseUrl,
    apiKey:
      entry.apiKey ??
      (entry.provider === primary.provider && entry.baseUrl === primary.baseUrl ? primary.apiKey : PLACEHOLDER_API_KEY),
    model: entry.model,
    structuredOutput: entry.structuredOutput ?? primary.structuredOutput,
    vision: entry.vision ?? false,
    concurrency: entry.concurrency ?? primary.concurrency,
    requestsPerMinute: entry.requestsPerMinute ?? primary.requestsPerMinute,
  }));
  return {
    ...primary,
    fallbacks,
    prices: { ...DEFAULT_PRICES, ...raw.LLM_PRICES },
    timeoutMs: raw.LLM_TIMEOUT_MS,
    maxTokens: raw.LLM_MAX_TOKENS,
    maxRetries: raw.LLM_MAX_RETRIES,
    temperature: raw.LLM_TEMPERATURE,
  };
}

/** A copy that is safe to log. */
export function redactLlmConfig(config: LlmConfig): LlmConfig {
  return { ...config, apiKey: '***', fallbacks: config.fallbacks.map((f) => ({ ...f, apiKey: '***' })) };
}

import { ConfigException } from '@webbyflow/common';
import { z } from 'zod';
import { DEFAULT_PRICES } from './accounting/price-table';
import { LlmEnvSchema, loadLlmConfig, PLACEHOLDER_API_KEY, redactLlmConfig, toLlmConfig } from './llm.config';

describe(loadLlmConfig.name, () => {
  it('should default to OpenAI gpt-4o-mini with a placeholder key when nothing is set', () => {
    expect(loadLlmConfig({})).toMatchObject({
      provider: 'openai',
      baseUrl: undefined,
      apiKey: PLACEHOLDER_API_KEY,
      model: 'gpt-4o-mini',
      timeoutMs: 60_000,
      maxTokens: 2048,
      maxRetries: 2,
      temperature: 0,
      structuredOutput: 'json_schema',
      vision: false,
      concurrency: 4,
      requestsPerMinute: 0,
      fallbacks: [],
      prices: DEFAULT_PRICES,
    });
  });

  it('should pick the Anthropic default model when the provider is anthropic', () => {
    expect(loadLlmConfig({ LLM_PROVIDER: 'anthropic' })).toMatchObject({
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
    });
  });

  it('should read every variable when they are set', () => {
    const config = loadLlmConfig({
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
      LLM_API_KEY: 'sk-test',
      LLM_MODEL: 'llama3.2',
      LLM_TIMEOUT_MS: '5000',
      LLM_MAX_TOKENS: '300',
      LLM_MAX_RETRIES: '0',
      LLM_TEMPERATURE: '0.2',
    });

    expect(config).toMatchObject({
      provider: 'openai',
      baseUrl: 'http://127.0.0.1:11434/v1',
      apiKey: 'sk-test',
      model: 'llama3.2',
      timeoutMs: 5000,
      maxTokens: 300,
      maxRetries: 0,
      temperature: 0.2,
    });
  });

  it('should treat empty variables as unset when a compose file leaves them blank', () => {
    expect(loadLlmConfig({ LLM_BASE_URL: '', LLM_API_KEY: '', LLM_MODEL: '' })).toMatchObject({
      baseUrl: undefined,
      apiKey: PLACEHOLDER_API_KEY,
      model: 'gpt-4o-mini',
    });
  });

  it('should name every bad variable when the config is invalid', () => {
    const load = () => loadLlmConfig({ LLM_PROVIDER: 'gemini', LLM_BASE_URL: 'not a url', LLM_TIMEOUT_MS: 'soon' });

    expect(load).toThrow(ConfigException);
    expect(load).toThrow(/LLM_PROVIDER[\s\S]*LLM_BASE_URL[\s\S]*LLM_TIMEOUT_MS/);
  });

  it('should hide the key when the config is redacted for logging', () => {
    expect(redactLlmConfig(loadLlmConfig({ LLM_API_KEY: 'sk-secret' })).apiKey).toBe('***');
  });

  it('should map variables parsed by a service schema that extends LlmEnvSchema', () => {
    const service = LlmEnvSchema.extend({ PORT: z.coerce.number().default(3003) });
    expect(toLlmConfig(service.parse({ LLM_PROVIDER: 'anthropic', LLM_MAX_TOKENS: '512' }))).toEqual(
      loadLlmConfig({ LLM_PROVIDER: 'anthropic', LLM_MAX_TOKENS: '512' }),
    );
  });

  it('should read the fallback chain, sharing the primary key only with the same server, when LLM_FALLBACKS is set', () => {
    const config = loadLlmConfig({
      LLM_API_KEY: 'sk-primary',
      LLM_CONCURRENCY: '2',
      LLM_FALLBACKS: JSON.stringify([
        { provider: 'openai', model: 'gpt-4.1-mini' },
        { provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant', vision: true },
        { provider: 'openai', model: 'llama3.2', baseUrl: 'http://127.0.0.1:11434/v1', concurrency: 1 },
      ]),
    });

    expect(config.fallbacks).toEqual([
      expect.objectContaining({ provider: 'openai', model: 'gpt-4.1-mini', apiKey: 'sk-primary', concurrency: 2 }),
      expect.objectContaining({ provider: 'anthropic', apiKey: 'sk-ant', vision: true }),
      expect.objectContaining({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: PLACEHOLDER_API_KEY, concurrency: 1 }),
    ]);
    expect(redactLlmConfig(config).fallbacks.map((f) => f.apiKey)).toEqual(['***', '***', '***']);
  });

  it('should merge LLM_PRICES over the built-in table when a model price is overridden', () => {
    const { prices } = loadLlmConfig({
      LLM_PRICES: '{"gpt-4o-mini":{"input":1,"output":2},"my-model":{"input":0,"output":0}}',
    });

    expect(prices['gpt-4o-mini']).toEqual({ input: 1, output: 2 });
    expect(prices['my-model']).toEqual({ input: 0, output: 0 });
    expect(prices['claude-haiku-4-5']).toEqual(DEFAULT_PRICES['claude-haiku-4-5']);
  });

  it('should name LLM_FALLBACKS and LLM_PRICES when they are not valid JSON of the right shape', () => {
    const load = () => loadLlmConfig({ LLM_FALLBACKS: 'openai:gpt-4o', LLM_PRICES: '{"m":{"input":-1}}' });

    expect(load).toThrow(/LLM_FALLBACKS[\s\S]*LLM_PRICES/);
  });
});

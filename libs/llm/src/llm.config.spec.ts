import { ConfigException } from '@webbyflow/common';
import { z } from 'zod';
import { LlmEnvSchema, loadLlmConfig, PLACEHOLDER_API_KEY, redactLlmConfig, toLlmConfig } from './llm.config';

describe(loadLlmConfig.name, () => {
  it('should default to OpenAI gpt-4o-mini with a placeholder key when nothing is set', () => {
    expect(loadLlmConfig({})).toEqual({
      provider: 'openai',
      baseUrl: undefined,
      apiKey: PLACEHOLDER_API_KEY,
      model: 'gpt-4o-mini',
      timeoutMs: 60_000,
      maxTokens: 2048,
      maxRetries: 2,
      temperature: 0,
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

    expect(config).toEqual({
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
});

import type { LlmConfig } from '@webbyflow/llm';
import { AnthropicProvider } from './anthropic.provider';
import type { LlmProvider } from './llm-provider';
import { OpenAiProvider } from './openai.provider';

/** The provider the config names, with the config's endpoint, key, model and timeouts. */
export function createLlmProvider(config: LlmConfig): LlmProvider {
  const options = {
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    model: config.model,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
  };
  switch (config.provider) {
    case 'openai':
      return new OpenAiProvider(options);
    case 'anthropic':
      return new AnthropicProvider(options);
  }
}

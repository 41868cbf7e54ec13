import type { LlmEndpoint } from '@webbyflow/llm';
import { AnthropicProvider } from './anthropic.provider';
import type { LlmProvider } from './llm-provider';
import { OpenAiProvider } from './openai.provider';

/** The SDK settings every endpoint shares. */
export interface ProviderCallSettings {
  timeoutMs: number;
  maxRetries: number;
}

/** The provider an endpoint names, with its base URL, key, model and output mode. */
export function createLlmProvider(endpoint: LlmEndpoint, settings: ProviderCallSettings): LlmProvider {
  const options = {
    baseUrl: endpoint.baseUrl,
    apiKey: endpoint.apiKey,
    model: endpoint.model,
    structuredOutput: endpoint.structuredOutput,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  };
  switch (endpoint.provider) {
    case 'openai':
      return new OpenAiProvider(options);
    case 'anthropic':
      return new AnthropicProvider(options);
  }
}

import OpenAI from 'openai';
import type { LlmCompletion, LlmProvider, LlmRequest, SdkProviderOptions } from './llm-provider';
import { toProviderException } from './provider-error.mapper';

/**
 * Chat Completions through the official SDK. With `baseUrl` it speaks to any OpenAI-compatible server
 * (Ollama, vLLM, LM Studio); `response_format: json_object` asks for bare JSON where supported.
 */
export class OpenAiProvider implements LlmProvider {
  readonly name = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly compatible: boolean;

  constructor(options: SdkProviderOptions) {
    this.model = options.model;
    this.compatible = options.baseUrl !== undefined;
    this.client = new OpenAI({
      apiKey: options.apiKey,
      // null, not undefined: the SDK would otherwise read OPENAI_BASE_URL behind the config's back.
      baseURL: options.baseUrl ?? null,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
  }

  async complete(request: LlmRequest): Promise<LlmCompletion> {
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: [{ role: 'system', content: request.system }, ...request.messages],
          temperature: request.temperature,
          response_format: { type: 'json_object' },
          // OpenAI's own API wants max_completion_tokens; compatible servers still read max_tokens.
          ...(this.compatible ? { max_tokens: request.maxTokens } : { max_completion_tokens: request.maxTokens }),
        },
        { signal: request.signal },
      );
      return {
        text: completion.choices[0]?.message.content ?? '',
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
        model: completion.model || this.model,
      };
    } catch (error) {
      throw toProviderException(error, this.name, request.signal);
    }
  }
}

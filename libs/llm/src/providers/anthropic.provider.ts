import Anthropic from '@anthropic-ai/sdk';
import type { LlmCompletion, LlmProvider, LlmRequest, SdkProviderOptions } from './llm-provider';
import { toProviderException } from './provider-error.mapper';

/**
 * Messages API through the official SDK. SDK 1.x takes no `temperature`, so the request's is not sent;
 * JSON-only output rests on the system prompt and the planner's validation.
 */
export class AnthropicProvider implements LlmProvider {
  readonly name = 'anthropic' as const;
  readonly model: string;
  private readonly client: Anthropic;

  constructor(options: SdkProviderOptions) {
    this.model = options.model;
    this.client = new Anthropic({
      apiKey: options.apiKey,
      // null, not undefined: the SDK would otherwise read ANTHROPIC_BASE_URL behind the config's back.
      baseURL: options.baseUrl ?? null,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
  }

  async complete(request: LlmRequest): Promise<LlmCompletion> {
    try {
      const message = await this.client.messages.create(
        {
          model: this.model,
          max_tokens: request.maxTokens,
          system: request.system,
          messages: request.messages.map((turn) => ({ role: turn.role, content: turn.content })),
        },
        { signal: request.signal },
      );
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      const usage = message.usage;
      return {
        text,
        // Cached prompt tokens are billed too: input is the sum of the three counts.
        inputTokens:
          usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
        outputTokens: usage.output_tokens,
        model: message.model || this.model,
      };
    } catch (error) {
      throw toProviderException(error, this.name, request.signal);
    }
  }
}

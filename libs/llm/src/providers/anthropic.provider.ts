import Anthropic from '@anthropic-ai/sdk';
import { countingFetch, noHttpAttempts, trackHttpAttempts } from './http-attempts';
import type { LlmCompletion, LlmProvider, LlmRequest, SdkProviderOptions } from './llm-provider';
import { toProviderException } from './provider-error.mapper';

type MessageParam = Anthropic.Messages.MessageParam;

/**
 * Messages API through the official SDK. The answer schema becomes one tool the model is made to call
 * (`tool_choice: {type: 'tool'}`), Anthropic's way to structured output; its input is the answer. SDK 1.x takes
 * no `temperature`, so the request's is not sent.
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
      fetch: countingFetch,
    });
  }

  async complete(request: LlmRequest): Promise<LlmCompletion> {
    const format = request.answerFormat;
    try {
      const message = await trackHttpAttempts(request.attempts ?? noHttpAttempts(), () =>
        this.client.messages.create(
          {
            model: this.model,
            max_tokens: request.maxTokens,
            system: request.system,
            messages: this.turns(request),
            ...(format && {
              tools: [
                {
                  name: format.name,
                  description: format.description,
                  input_schema: { ...format.schema, type: 'object' },
                },
              ],
              tool_choice: { type: 'tool', name: format.name },
            }),
          },
          { signal: request.signal },
        ),
      );
      const usage = message.usage;
      const cacheRead = usage.cache_read_input_tokens ?? 0;
      return {
        text: answerText(message.content, format?.name),
        // Cached prompt tokens are billed too: input is the sum of the three counts.
        inputTokens: usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + cacheRead,
        outputTokens: usage.output_tokens,
        cachedTokens: cacheRead,
        model: message.model || this.model,
      };
    } catch (error) {
      throw toProviderException(error, this.name, request.signal);
    }
  }

  private turns(request: LlmRequest): MessageParam[] {
    const image = request.image;
    return request.messages.map((turn, index): MessageParam => {
      if (turn.role === 'assistant' || !image || index !== 0) return { role: turn.role, content: turn.content };
      return {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: image.mediaType, data: image.base64 } },
          { type: 'text', text: turn.content },
        ],
      };
    });
  }
}

/** The forced tool's input as JSON; a model that wrote text instead (some proxies drop tools) gives its text. */
function answerText(content: Anthropic.Messages.ContentBlock[], tool: string | undefined): string {
  const call = content.find((block) => block.type === 'tool_use' && block.name === tool);
  if (call?.type === 'tool_use') return JSON.stringify(call.input);
  return content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
}

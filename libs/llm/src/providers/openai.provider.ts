import OpenAI from 'openai';
import type { StructuredOutputMode } from '@webbyflow/llm';
import { countingFetch, noHttpAttempts, trackHttpAttempts } from './http-attempts';
import type { LlmCompletion, LlmProvider, LlmRequest, SdkProviderOptions } from './llm-provider';
import { toProviderException } from './provider-error.mapper';

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type ResponseFormat = OpenAI.Chat.Completions.ChatCompletionCreateParams['response_format'];

/**
 * Chat Completions through the official SDK. With `baseUrl` it speaks to any OpenAI-compatible server
 * (Ollama, vLLM, LM Studio). The answer schema goes as a `json_schema` response format (structured outputs) unless
 * the endpoint is configured for `json_object` or nothing.
 */
export class OpenAiProvider implements LlmProvider {
  readonly name = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly compatible: boolean;
  private readonly structuredOutput: StructuredOutputMode;

  constructor(options: SdkProviderOptions) {
    this.model = options.model;
    this.compatible = options.baseUrl !== undefined;
    this.structuredOutput = options.structuredOutput ?? 'json_schema';
    this.client = new OpenAI({
      apiKey: options.apiKey,
      // null, not undefined: the SDK would otherwise read OPENAI_BASE_URL behind the config's back.
      baseURL: options.baseUrl ?? null,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      fetch: countingFetch,
    });
  }

  async complete(request: LlmRequest): Promise<LlmCompletion> {
    try {
      const completion = await trackHttpAttempts(request.attempts ?? noHttpAttempts(), () =>
        this.client.chat.completions.create(
          {
            model: this.model,
            messages: [{ role: 'system', content: request.system }, ...this.turns(request)],
            temperature: request.temperature,
            ...this.responseFormat(request),
            // OpenAI's own API wants max_completion_tokens; compatible servers still read max_tokens.
            ...(this.compatible ? { max_tokens: request.maxTokens } : { max_completion_tokens: request.maxTokens }),
          },
          { signal: request.signal },
        ),
      );
      const usage = completion.usage;
      return {
        text: completion.choices[0]?.message.content ?? '',
        inputTokens: usage?.prompt_tokens ?? 0,
        outputTokens: usage?.completion_tokens ?? 0,
        cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
        model: completion.model || this.model,
      };
    } catch (error) {
      throw toProviderException(error, this.name, request.signal);
    }
  }

  private responseFormat(request: LlmRequest): { response_format?: ResponseFormat } {
    const format = request.answerFormat;
    if (!format || this.structuredOutput === 'none') return {};
    if (this.structuredOutput === 'json_object') return { response_format: { type: 'json_object' } };
    // Not strict: strict mode needs every property required and closed objects, which `extracted_data` (any
    // shape the user's schema asks for) cannot be. The parser validates the answer either way.
    const { name, description, schema } = format;
    return { response_format: { type: 'json_schema', json_schema: { name, description, schema, strict: false } } };
  }

  private turns(request: LlmRequest): ChatMessage[] {
    const image = request.image;
    return request.messages.map((turn, index): ChatMessage => {
      if (turn.role === 'assistant') return { role: 'assistant', content: turn.content };
      if (!image || index !== 0) return { role: 'user', content: turn.content };
      const url = `data:${image.mediaType};base64,${image.base64}`;
      return {
        role: 'user',
        content: [
          { type: 'text', text: turn.content },
          { type: 'image_url', image_url: { url, detail: 'auto' } },
        ],
      };
    });
  }
}

import type { LlmMessage, LlmProviderName, StructuredOutputMode } from '@webbyflow/llm';
import type { HttpAttempts } from './http-attempts';

/** A picture for a vision model (the page screenshot), sent with the first user turn. */
export interface LlmImage {
  mediaType: 'image/jpeg' | 'image/png';
  base64: string;
}

/** The JSON Schema the answer must follow: OpenAI `json_schema` response format, Anthropic forced tool. */
export interface LlmAnswerFormat {
  /** `[a-zA-Z0-9_-]{1,64}`: the schema's / tool's name. */
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

export interface LlmRequest {
  system: string;
  /** Alternating turns, starting and ending with `user`. */
  messages: readonly LlmMessage[];
  maxTokens: number;
  temperature: number;
  /** Aborts the HTTP call; the planner ties it to the call's deadline and the run. */
  signal: AbortSignal;
  /** Unset: free text (the answer is still parsed as JSON). */
  answerFormat?: LlmAnswerFormat;
  image?: LlmImage;
  /** Filled with the SDK's HTTP attempts, whether the call succeeds or throws. */
  attempts?: HttpAttempts;
}

export interface LlmCompletion {
  /** The answer's text; for a tool-use answer, the tool input as JSON. */
  text: string;
  /** Every prompt token, cached ones included. */
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens the provider served from its cache (billed lower). */
  cachedTokens: number;
  /** The model that answered, as the provider reports it. */
  model: string;
}

/** One chat model behind one SDK. Implementations throw LlmException only. */
export interface LlmProvider {
  readonly name: LlmProviderName;
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmCompletion>;
}

/** Connection settings shared by the SDK-backed providers. */
export interface SdkProviderOptions {
  /** Unset: the provider's public API. */
  baseUrl: string | undefined;
  apiKey: string;
  model: string;
  /** Per-request timeout handed to the SDK. */
  timeoutMs: number;
  /** Retries the SDK makes itself (connection errors, 408, 409, 429, 5xx), honouring `retry-after`. */
  maxRetries: number;
  /** How `answerFormat` is sent to an OpenAI-compatible server; default `json_schema`. */
  structuredOutput?: StructuredOutputMode;
}

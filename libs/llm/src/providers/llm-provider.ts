import type { LlmMessage, LlmProviderName } from '@webbyflow/llm';

export interface LlmRequest {
  system: string;
  /** Alternating turns, starting and ending with `user`. */
  messages: readonly LlmMessage[];
  maxTokens: number;
  temperature: number;
  /** Aborts the HTTP call; the planner ties it to the call's deadline and the run. */
  signal: AbortSignal;
}

export interface LlmCompletion {
  text: string;
  inputTokens: number;
  outputTokens: number;
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
  /** Retries the SDK makes itself (connection errors, 408, 409, 429, 5xx). */
  maxRetries: number;
}

export type FakeLlmProvider = 'openai' | 'anthropic';

export interface FakeLlmMessage {
  role: string;
  /** Text parts joined; non-text parts are dropped. */
  content: string;
}

/** One request the fake received, normalised across both wire formats. */
export interface FakeLlmRequest {
  provider: FakeLlmProvider;
  model: string;
  /** System prompt (OpenAI system/developer messages joined; Anthropic `system`). */
  system: string;
  /** Conversation turns without the system prompt. */
  messages: FakeLlmMessage[];
  /** Content of the last `user` turn. */
  lastUserText: string;
  /** Every `user` turn joined: the element list stays visible in a repair turn. */
  promptText: string;
  stream: boolean;
  maxTokens: number | undefined;
  /** Images sent in any turn, as data URLs (vision requests). */
  images: string[];
  /** Anthropic: the tool the request forces (`tool_choice: {type: 'tool'}`); the answer then comes as its input. */
  forcedTool: string | undefined;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** The raw JSON body. */
  body: unknown;
}

/** An HTTP error (or a raw body) instead of a model answer. */
export interface FakeLlmStatusReply {
  status: number;
  /** Sent as JSON; omitted: the provider's own error shape carrying `message`. */
  body?: unknown;
  message?: string;
  headers?: Record<string, string>;
}

/** A model answer (the assistant text) or an HTTP error. */
export type FakeLlmReply = string | FakeLlmStatusReply;

export type FakeLlmResponder = (request: FakeLlmRequest) => FakeLlmReply | Promise<FakeLlmReply>;

/** Rough token count the fake reports in `usage`: one token per four characters. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { estimateTokens, type FakeLlmRequest } from './fake-llm.types';
import { chunksOf, imagesOf, isRecord, sendJson, startSse, textOf } from './http.util';

/** `POST /v1/messages` body → the normalised request. */
export function parseAnthropicRequest(body: unknown, headers: Record<string, string>): FakeLlmRequest {
  const record = isRecord(body) ? body : {};
  const turns = Array.isArray(record.messages) ? record.messages.filter(isRecord) : [];
  // SDK 1.x also accepts system turns inside `messages`.
  const inlineSystem = turns.filter((m) => m.role === 'system').map((m) => textOf(m.content));
  const messages = turns
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: String(m.role), content: textOf(m.content) }));
  const user = messages.filter((m) => m.role === 'user').map((m) => m.content);
  return {
    provider: 'anthropic',
    model: typeof record.model === 'string' ? record.model : '',
    system: [textOf(record.system), ...inlineSystem].filter(Boolean).join('\n\n'),
    messages,
    lastUserText: user.at(-1) ?? '',
    promptText: user.join('\n\n'),
    stream: record.stream === true,
    maxTokens: typeof record.max_tokens === 'number' ? record.max_tokens : undefined,
    images: turns.flatMap((m) => imagesOf(m.content)),
    forcedTool:
      isRecord(record.tool_choice) && record.tool_choice.type === 'tool' ? String(record.tool_choice.name) : undefined,
    headers,
    body,
  };
}

export function writeAnthropicAnswer(res: ServerResponse, request: FakeLlmRequest, text: string): void {
  const inputTokens = estimateTokens(request.system + request.messages.map((m) => m.content).join(''));
  const outputTokens = estimateTokens(text);
  const message = {
    id: `msg_${randomUUID().replace(/-/g, '')}`,
    type: 'message',
    role: 'assistant',
    model: request.model,
    content: [contentBlock(request, text)],
    stop_reason: request.forcedTool && toolInput(text) ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    stop_details: null,
    container: null,
    usage: usage(inputTokens, outputTokens),
  };
  if (!request.stream) {
    sendJson(res, 200, message);
    return;
  }
  // Streaming answers stay text: the planner never streams, and tool-input deltas are not needed by any test.
  const send = startSse(res);
  const start = { ...message, content: [], stop_reason: null, usage: usage(inputTokens, 1) };
  send({ type: 'message_start', message: start }, 'message_start');
  send(
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
    'content_block_start',
  );
  send({ type: 'ping' }, 'ping');
  for (const piece of chunksOf(text)) {
    send({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }, 'content_block_delta');
  }
  send({ type: 'content_block_stop', index: 0 }, 'content_block_stop');
  send(
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: inputTokens,
        output_tokens: outputTokens,
        cache_creation_input_tokens: null,
        cache_read_input_tokens: null,
      },
    },
    'message_delta',
  );
  send({ type: 'message_stop' }, 'message_stop');
  res.end();
}

/** A JSON object answer to a forced tool comes back as that tool's call, as a real model would send it. */
function contentBlock(request: FakeLlmRequest, text: string): Record<string, unknown> {
  const input = request.forcedTool ? toolInput(text) : undefined;
  if (!input || !request.forcedTool) return { type: 'text', text, citations: null };
  return { type: 'tool_use', id: `toolu_${randomUUID().replace(/-/g, '')}`, name: request.forcedTool, input };
}

function toolInput(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined; // malformed: sent as text, like a model that ignored the tool
  }
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

export function anthropicError(status: number, message: string): unknown {
  return { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } };
}

export function anthropicModels(models: readonly string[]): unknown {
  const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

function usage(input: number, output: number) {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_creation_input_tokens: null,
    cache_read_input_tokens: null,
    cache_creation: null,
    server_tool_use: null,
    service_tier: 'standard',
  };
}

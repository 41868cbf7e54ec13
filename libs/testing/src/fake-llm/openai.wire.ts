import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { estimateTokens, type FakeLlmRequest } from './fake-llm.types';
import { chunksOf, imagesOf, isRecord, sendJson, startSse, textOf } from './http.util';

/** `POST /v1/chat/completions` body → the normalised request. */
export function parseOpenAiRequest(body: unknown, headers: Record<string, string>): FakeLlmRequest {
  const record = isRecord(body) ? body : {};
  const all = Array.isArray(record.messages) ? record.messages.filter(isRecord) : [];
  const isSystem = (m: Record<string, unknown>) => m.role === 'system' || m.role === 'developer';
  const messages = all.filter((m) => !isSystem(m)).map((m) => ({ role: String(m.role), content: textOf(m.content) }));
  const user = messages.filter((m) => m.role === 'user').map((m) => m.content);
  const maxTokens = record.max_completion_tokens ?? record.max_tokens;
  return {
    provider: 'openai',
    model: typeof record.model === 'string' ? record.model : '',
    system: all
      .filter(isSystem)
      .map((m) => textOf(m.content))
      .join('\n\n'),
    messages,
    lastUserText: user.at(-1) ?? '',
    promptText: user.join('\n\n'),
    stream: record.stream === true,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
    images: all.flatMap((m) => imagesOf(m.content)),
    forcedTool: undefined,
    headers,
    body,
  };
}

export function writeOpenAiAnswer(res: ServerResponse, request: FakeLlmRequest, text: string): void {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const usage = usageOf(request, text);
  if (!request.stream) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model: request.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
      system_fingerprint: 'fake-llm',
    });
    return;
  }
  const send = startSse(res);
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: request.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  send(chunk({ role: 'assistant', content: '' }, null));
  for (const piece of chunksOf(text)) send(chunk({ content: piece }, null));
  send(chunk({}, 'stop'));
  // As the real API: usage arrives in a last chunk with no choices, when the client asked for it.
  const options = isRecord(request.body) ? request.body.stream_options : undefined;
  if (isRecord(options) && options.include_usage === true) {
    send({ id, object: 'chat.completion.chunk', created, model: request.model, choices: [], usage });
  }
  send('[DONE]');
  res.end();
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_exceeded',
};

export function openAiError(status: number, message: string): unknown {
  const code = status === 401 ? 'invalid_api_key' : status === 429 ? 'rate_limit_exceeded' : null;
  return { error: { message, type: ERROR_TYPES[status] ?? 'server_error', param: null, code } };
}

export function openAiModels(models: readonly string[]): unknown {
  return {
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake-llm' })),
  };
}

function usageOf(request: FakeLlmRequest, text: string) {
  const prompt = estimateTokens(request.system + request.messages.map((m) => m.content).join(''));
  const completion = estimateTokens(text);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

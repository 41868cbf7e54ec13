import { FakeLlmServer } from './fake-llm.server';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** `data:` payloads of an SSE body, with their `event:` names. */
function sse(text: string): Array<{ event?: string; data: string }> {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      return { event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' };
    });
}

const openAiBody = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-test',
  messages: [
    { role: 'system', content: 'be a planner' },
    { role: 'user', content: 'first' },
    { role: 'assistant', content: 'answer' },
    { role: 'user', content: [{ type: 'text', text: 'second' }] },
  ],
  ...extra,
});

describe(FakeLlmServer.name, () => {
  let server: FakeLlmServer;

  beforeEach(async () => {
    server = await FakeLlmServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  it('should answer a chat completion in the OpenAI format and record the request', async () => {
    server.script(['{"ok":true}']);

    const res = await post(`${server.openAiBaseUrl}/chat/completions`, openAiBody({ max_tokens: 64 }));
    const body = await res.json();

    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-test',
      choices: [{ index: 0, message: { role: 'assistant', content: '{"ok":true}' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: 3 },
    });
    expect(server.requests).toEqual([
      expect.objectContaining({
        provider: 'openai',
        model: 'gpt-test',
        system: 'be a planner',
        lastUserText: 'second',
        promptText: 'first\n\nsecond',
        maxTokens: 64,
        stream: false,
        messages: [
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'answer' },
          { role: 'user', content: 'second' },
        ],
      }),
    ]);
  });

  it('should stream OpenAI chunks ending with [DONE] and a usage chunk when include_usage is set', async () => {
    server.script(() => 'x'.repeat(50));

    const res = await post(
      `${server.openAiBaseUrl}/chat/completions`,
      openAiBody({ stream: true, stream_options: { include_usage: true } }),
    );
    const events = sse(await res.text());

    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(events.at(-1)).toEqual({ event: undefined, data: '[DONE]' });
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('x'.repeat(50));
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 13 } });
  });

  it('should answer in the Anthropic format when the request goes to /v1/messages', async () => {
    server.script(['{"ok":true}']);

    const res = await post(`${server.url}/v1/messages`, {
      model: 'claude-test',
      max_tokens: 100,
      system: [{ type: 'text', text: 'be a planner' }],
      messages: [{ role: 'user', content: 'hello' }],
    });

    expect(await res.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text: '{"ok":true}' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: expect.any(Number), output_tokens: 3 },
    });
    expect(server.requests[0]).toMatchObject({
      provider: 'anthropic',
      system: 'be a planner',
      lastUserText: 'hello',
      maxTokens: 100,
    });
  });

  it('should stream the Anthropic events in order when stream is true', async () => {
    server.script(['y'.repeat(30)]);

    const res = await post(`${server.url}/v1/messages`, {
      model: 'c',
      max_tokens: 10,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const events = sse(await res.text());

    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const deltas = events.filter((e) => e.event === 'content_block_delta').map((e) => JSON.parse(e.data).delta.text);
    expect(deltas.join('')).toBe('y'.repeat(30));
    expect(JSON.parse(events[6].data)).toMatchObject({ usage: { output_tokens: 8 } });
  });

  it('should send a scripted error in the provider format when a responder returns a status', async () => {
    server.script(() => ({ status: 429, message: 'slow down' }));

    const openai = await post(`${server.openAiBaseUrl}/chat/completions`, openAiBody());
    const anthropic = await post(`${server.url}/v1/messages`, { model: 'c', max_tokens: 1, messages: [] });

    expect(openai.status).toBe(429);
    expect(await openai.json()).toEqual({
      error: { message: 'slow down', type: 'rate_limit_exceeded', param: null, code: 'rate_limit_exceeded' },
    });
    expect(anthropic.status).toBe(429);
    expect(await anthropic.json()).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'slow down' },
    });
  });

  it('should take fixed replies and one-off responders from the queue in order', async () => {
    server.script(['first', (req) => `echo ${req.lastUserText}`]);

    const answers = [];
    for (let i = 0; i < 2; i++) {
      const res = await post(`${server.openAiBaseUrl}/chat/completions`, openAiBody());
      answers.push((await res.json()).choices[0].message.content);
    }

    expect(answers).toEqual(['first', 'echo second']);
  });

  it('should answer 500 with x-should-retry false when the script has run out', async () => {
    server.script(['only one']);
    await post(`${server.openAiBaseUrl}/chat/completions`, openAiBody());

    const res = await post(`${server.openAiBaseUrl}/chat/completions`, openAiBody());

    expect(res.status).toBe(500);
    expect(res.headers.get('x-should-retry')).toBe('false');
    expect(await res.json()).toMatchObject({ error: { message: 'fake-llm has no scripted reply for request #2' } });
  });

  it('should refuse a wrong key with 401 when the server was started with an api key', async () => {
    const guarded = await FakeLlmServer.start({ apiKey: 'sk-right' });
    guarded.script(() => '{}');
    try {
      const wrong = await post(`${guarded.openAiBaseUrl}/chat/completions`, openAiBody(), {
        authorization: 'Bearer sk-wrong',
      });
      const right = await post(
        `${guarded.url}/v1/messages`,
        { model: 'c', max_tokens: 1, messages: [] },
        { 'x-api-key': 'sk-right' },
      );

      expect(wrong.status).toBe(401);
      expect(right.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('should list models in the OpenAI or the Anthropic shape depending on the client', async () => {
    const openai = await (await fetch(`${server.openAiBaseUrl}/models`)).json();
    const anthropic = await (
      await fetch(`${server.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })
    ).json();

    expect(openai).toEqual({ object: 'list', data: [expect.objectContaining({ id: 'fake-llm', object: 'model' })] });
    expect(anthropic).toMatchObject({ data: [{ type: 'model', id: 'fake-llm' }], has_more: false });
  });

  it('should answer 404 for an unknown route and 400 for a body that is not JSON', async () => {
    const missing = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    const broken = await fetch(`${server.openAiBaseUrl}/chat/completions`, { method: 'POST', body: '{nope' });

    expect(missing.status).toBe(404);
    expect(broken.status).toBe(400);
    expect(server.requests).toHaveLength(0);
  });

  it('should forget the script and the requests when reset', async () => {
    server.script(['a', 'b']);
    await post(`${server.openAiBaseUrl}/chat/completions`, openAiBody());

    server.reset();

    expect(server.requests).toHaveLength(0);
    expect((await post(`${server.openAiBaseUrl}/chat/completions`, openAiBody())).status).toBe(500);
  });
});

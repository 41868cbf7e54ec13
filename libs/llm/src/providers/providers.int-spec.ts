import { FakeLlmServer } from '@webbyflow/testing';
import { LlmExceptionCode } from '@webbyflow/llm';
import { AnthropicProvider } from './anthropic.provider';
import type { LlmRequest } from './llm-provider';
import { OpenAiProvider } from './openai.provider';

// The real SDK clients against the fake server: what goes on the wire and how failures come back.
describe('LLM providers over HTTP', () => {
  let server: FakeLlmServer;
  const options = { apiKey: 'sk-test', timeoutMs: 5000, maxRetries: 0 };
  const answerFormat = {
    name: 'submit_plan',
    description: 'The plan.',
    schema: { type: 'object', properties: { actions: { type: 'array' } }, required: ['actions'] },
  };
  const image = { mediaType: 'image/jpeg' as const, base64: '/9j/4AAQSkZJRg==' };
  const request = (signal = new AbortController().signal): LlmRequest => ({
    system: 'You plan.',
    messages: [{ role: 'user', content: 'What next?' }],
    maxTokens: 321,
    temperature: 0.3,
    signal,
  });

  beforeAll(async () => {
    server = await FakeLlmServer.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  describe(OpenAiProvider.name, () => {
    const provider = () => new OpenAiProvider({ ...options, baseUrl: server.openAiBaseUrl, model: 'llama3.2' });

    it('should send the system prompt first, JSON mode and max_tokens when the endpoint is set to json_object', async () => {
      server.script(['{"reasoning":"","actions":[]}']);

      const completion = await new OpenAiProvider({
        ...options,
        baseUrl: server.openAiBaseUrl,
        model: 'llama3.2',
        structuredOutput: 'json_object',
      }).complete({ ...request(), answerFormat });

      expect(completion).toEqual({
        text: '{"reasoning":"","actions":[]}',
        inputTokens: 5,
        outputTokens: 8,
        cachedTokens: 0,
        model: 'llama3.2',
      });
      expect(server.requests[0].body).toEqual({
        model: 'llama3.2',
        messages: [
          { role: 'system', content: 'You plan.' },
          { role: 'user', content: 'What next?' },
        ],
        temperature: 0.3,
        response_format: { type: 'json_object' },
        max_tokens: 321,
      });
    });

    it('should send the answer schema as a json_schema response format when structured output is on', async () => {
      server.script(['{"actions":[]}']);

      await provider().complete({ ...request(), answerFormat });

      expect(server.requests[0].body).toMatchObject({
        response_format: { type: 'json_schema', json_schema: { ...answerFormat, strict: false } },
      });
    });

    it('should send the screenshot as an image_url data part of the first user turn when the request has one', async () => {
      server.script(['{}']);

      await provider().complete({ ...request(), image });

      expect(server.requests[0].images).toEqual([`data:image/jpeg;base64,${image.base64}`]);
      expect(server.requests[0].lastUserText).toBe('What next?');
    });

    it('should report cached prompt tokens when the usage has prompt_tokens_details', async () => {
      server.script(() => ({
        status: 200,
        body: {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model: 'gpt-4o-mini-2024-07-18',
          choices: [{ index: 0, message: { role: 'assistant', content: '{}' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 2000, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 1536 } },
        },
      }));

      expect(await provider().complete(request())).toMatchObject({ inputTokens: 2000, cachedTokens: 1536 });
    });

    it('should throw a terminal PROVIDER_REJECTED when the server does not know the model', async () => {
      server.script(() => ({ status: 404, message: 'model "llama3.2" not found, try pulling it first' }));

      await expect(provider().complete(request())).rejects.toMatchObject({
        code: LlmExceptionCode.PROVIDER_REJECTED,
        terminal: true,
        message: expect.stringContaining('not found, try pulling it first'),
      });
    });

    it('should abort the HTTP call and throw ABORTED when the signal fires', async () => {
      const controller = new AbortController();
      server.script(() => {
        controller.abort();
        return new Promise((resolve) => setTimeout(() => resolve('{}'), 2000).unref());
      });

      await expect(provider().complete(request(controller.signal))).rejects.toMatchObject({
        code: LlmExceptionCode.ABORTED,
      });
    });
  });

  describe(AnthropicProvider.name, () => {
    const provider = () =>
      new AnthropicProvider({ ...options, baseUrl: server.anthropicBaseUrl, model: 'claude-test' });

    it('should send the system prompt apart, max_tokens and no temperature', async () => {
      server.script(['{}']);

      await provider().complete(request());

      expect(server.requests[0].body).toEqual({
        model: 'claude-test',
        max_tokens: 321,
        system: 'You plan.',
        messages: [{ role: 'user', content: 'What next?' }],
      });
      expect(server.requests[0].headers['anthropic-version']).toBeDefined();
    });

    it('should force the answer tool and return its input as JSON when the request has an answer format', async () => {
      server.script(['{"reasoning":"r","actions":[{"action":"go_back"}]}']);

      const completion = await provider().complete({ ...request(), answerFormat });

      expect(server.requests[0].body).toMatchObject({
        tools: [{ name: 'submit_plan', description: 'The plan.', input_schema: answerFormat.schema }],
        tool_choice: { type: 'tool', name: 'submit_plan' },
      });
      expect(JSON.parse(completion.text)).toEqual({ reasoning: 'r', actions: [{ action: 'go_back' }] });
    });

    it('should send the screenshot as a base64 image block before the text when the request has one', async () => {
      server.script(['{}']);

      await provider().complete({ ...request(), image });

      expect(server.requests[0].images).toEqual([`data:image/jpeg;base64,${image.base64}`]);
      expect(server.requests[0].body).toMatchObject({
        messages: [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: 'What next?' }] }],
      });
    });

    it('should join the text blocks and count cached prompt tokens as input when the answer has them', async () => {
      server.script(() => ({
        status: 200,
        body: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-test-2026',
          content: [
            { type: 'text', text: '{"a":', citations: null },
            { type: 'text', text: '1}', citations: null },
          ],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: {
            input_tokens: 10,
            output_tokens: 4,
            cache_creation_input_tokens: 100,
            cache_read_input_tokens: 1000,
          },
        },
      }));

      expect(await provider().complete(request())).toEqual({
        text: '{"a":1}',
        inputTokens: 1110,
        outputTokens: 4,
        cachedTokens: 1000,
        model: 'claude-test-2026',
      });
    });

    it('should throw a terminal PROVIDER_AUTH when the key is refused', async () => {
      server.script(() => ({ status: 401, message: 'invalid x-api-key' }));

      await expect(provider().complete(request())).rejects.toMatchObject({
        code: LlmExceptionCode.PROVIDER_AUTH,
        terminal: true,
      });
    });
  });
});

import { FakeLlmServer } from '@webbyflow/testing';
import { LlmExceptionCode } from '@webbyflow/llm';
import { AnthropicProvider } from './anthropic.provider';
import type { LlmRequest } from './llm-provider';
import { OpenAiProvider } from './openai.provider';

// The real SDK clients against the fake server: what goes on the wire and how failures come back.
describe('LLM providers over HTTP', () => {
  let server: FakeLlmServer;
  const options = { apiKey: 'sk-test', timeoutMs: 5000, maxRetries: 0 };
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

    it('should send the system prompt first, JSON mode and max_tokens when the base URL is a compatible server', async () => {
      server.script(['{"reasoning":"","actions":[]}']);

      const completion = await provider().complete(request());

      expect(completion).toEqual({
        text: '{"reasoning":"","actions":[]}',
        inputTokens: 5,
        outputTokens: 8,
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

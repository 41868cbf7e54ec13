import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { FakeLlmServer } from './fake-llm.server';

// The wire formats checked by the SDKs themselves, streaming included.
describe(`${FakeLlmServer.name} with the real SDKs`, () => {
  let server: FakeLlmServer;
  const answer = '{"reasoning":"stream me","actions":[{"action":"wait","value":10}]}';

  beforeAll(async () => {
    server = await FakeLlmServer.start({ models: ['fake-a', 'fake-b'] });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  const openai = () => new OpenAI({ apiKey: 'sk-test', baseURL: server.openAiBaseUrl, maxRetries: 0 });
  const anthropic = () => new Anthropic({ apiKey: 'sk-test', baseURL: server.anthropicBaseUrl, maxRetries: 0 });

  it('should stream chat completion chunks and usage that the OpenAI SDK assembles', async () => {
    server.script([answer]);

    const stream = await openai().chat.completions.create({
      model: 'fake-a',
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let completionTokens = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }

    expect(text).toBe(answer);
    expect(completionTokens).toBe(Math.ceil(answer.length / 4));
    expect(server.requests[0]).toMatchObject({ provider: 'openai', stream: true, lastUserText: 'go' });
  });

  it('should stream message events that the Anthropic SDK assembles into a final message', async () => {
    server.script([answer]);

    const stream = anthropic().messages.stream({
      model: 'fake-a',
      max_tokens: 100,
      system: 'plan',
      messages: [{ role: 'user', content: 'go' }],
    });
    const message = await stream.finalMessage();

    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: answer })]);
    expect(message.usage).toMatchObject({ output_tokens: Math.ceil(answer.length / 4) });
    expect(message.stop_reason).toBe('end_turn');
    expect(server.requests[0]).toMatchObject({ provider: 'anthropic', stream: true, system: 'plan' });
  });

  it('should list the configured models to both SDKs', async () => {
    const openaiModels = [];
    for await (const model of openai().models.list()) openaiModels.push(model.id);
    const anthropicModels = [];
    for await (const model of anthropic().models.list()) anthropicModels.push(model.id);

    expect(openaiModels).toEqual(['fake-a', 'fake-b']);
    expect(anthropicModels).toEqual(['fake-a', 'fake-b']);
  });

  it('should surface a scripted 401 as each SDK authentication error', async () => {
    server.script(() => ({ status: 401, message: 'bad key' }));

    await expect(openai().chat.completions.create({ model: 'm', messages: [] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    await expect(anthropic().messages.create({ model: 'm', max_tokens: 1, messages: [] })).rejects.toBeInstanceOf(
      Anthropic.AuthenticationError,
    );
  });
});

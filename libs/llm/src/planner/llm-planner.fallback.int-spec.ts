import { contactFormTree, FakeLlmServer, findElementId, type FakeLlmRequest } from '@webbyflow/testing';
import { LlmExceptionCode, loadLlmConfig, ModelRouter } from '@webbyflow/llm';
import { contactPlanInput } from './contact-plan-input.fixture';
import { LlmPlannerService } from './llm-planner.service';

// The fallback chain and vision, through both real SDKs against one fake server (it tells the formats by path).
const input = contactPlanInput;
const submit = (req: FakeLlmRequest) =>
  JSON.stringify({
    reasoning: 'Send.',
    actions: [{ action: 'click', element_id: findElementId(req.promptText, { role: 'button', name: 'Submit' }) }],
  });
const image = { mediaType: 'image/png' as const, base64: 'iVBORw0KGgo=' };

describe(`${LlmPlannerService.name} fallback chain`, () => {
  let server: FakeLlmServer;

  beforeAll(async () => {
    server = await FakeLlmServer.start({ apiKey: 'sk-test' });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  const planner = (env: Record<string, string> = {}) => {
    const config = loadLlmConfig({
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: server.openAiBaseUrl,
      LLM_API_KEY: 'sk-test',
      LLM_MODEL: 'gpt-4o-mini',
      LLM_MAX_RETRIES: '0',
      LLM_TIMEOUT_MS: '1000',
      LLM_FALLBACKS: JSON.stringify([
        { provider: 'anthropic', model: 'claude-haiku-4-5', baseUrl: server.anthropicBaseUrl, apiKey: 'sk-test' },
      ]),
      ...env,
    });
    return new LlmPlannerService(new ModelRouter(config), config);
  };

  it('should answer from the Anthropic fallback and say so when the OpenAI primary returns 503', async () => {
    server.script([{ status: 503, message: 'overloaded' }, submit]);

    const result = await planner().plan(input, contactFormTree());

    expect(result).toMatchObject({ provider: 'anthropic', model: 'claude-haiku-4-5', fallback: true });
    expect(result.calls.map((call) => [call.provider, call.outcome, call.httpStatuses])).toEqual([
      ['openai', 'PROVIDER_ERROR', [503]],
      ['anthropic', 'ok', [200]],
    ]);
    expect(server.requests.map((request) => request.provider)).toEqual(['openai', 'anthropic']);
  });

  it('should fall back when the primary answers after its deadline', async () => {
    server.script([() => new Promise((resolve) => setTimeout(() => resolve('{}'), 3000).unref()), submit]);

    const result = await planner().plan(input, contactFormTree());

    expect(result.fallback).toBe(true);
    expect(result.calls[0]).toMatchObject({ provider: 'openai', outcome: 'PROVIDER_ERROR' });
  });

  it('should use the task model first when the step names one, the configured chain after it', async () => {
    server.script([submit]);

    const result = await planner().plan(input, contactFormTree(), { model: 'anthropic:claude-sonnet-4-6' });

    expect(result).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-6', fallback: false });
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('should throw the last failure, naming every model, when the whole chain fails', async () => {
    server.script(() => ({ status: 503, message: 'down', headers: { 'x-should-retry': 'false' } }));

    const error = await planner()
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: LlmExceptionCode.PROVIDER_ERROR, terminal: false });
    expect((error as Error).message).toMatch(
      /every model failed: openai\/gpt-4o-mini: .*\| anthropic\/claude-haiku-4-5/,
    );
  });

  it('should send the screenshot only to the model configured for vision when the task does not ask', async () => {
    server.script([{ status: 500, message: 'boom' }, submit]);
    const fallbacks = JSON.stringify([
      {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        baseUrl: server.anthropicBaseUrl,
        apiKey: 'sk-test',
        vision: true,
      },
    ]);

    await planner({ LLM_FALLBACKS: fallbacks }).plan(input, contactFormTree(), { image });

    expect(server.requests.map((request) => request.images.length)).toEqual([0, 1]);
    expect(server.requests[1].images[0]).toBe(`data:image/png;base64,${image.base64}`);
  });
});

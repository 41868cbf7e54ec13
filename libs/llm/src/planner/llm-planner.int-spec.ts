import {
  contactConfirmationTree,
  contactFormDemo,
  contactFormTree,
  estimateTokens,
  FakeLlmServer,
  findElementId,
  type FakeLlmRequest,
} from '@webbyflow/testing';
import { LlmExceptionCode, loadLlmConfig, ModelRouter, type LlmProviderName, type PlanInput } from '@webbyflow/llm';
import { LlmPlannerService } from './llm-planner.service';

// The real openai and @anthropic-ai/sdk clients, over HTTP, against the fake server.
const input: PlanInput = {
  stepIndex: 0,
  goal: 'Send the contact form and return the confirmation number.',
  payload: { name: 'Ada Lovelace', email: 'ada@example.com', topic: 'sales', message: 'Hello!' },
  extractionSchema: {
    type: 'object',
    properties: { confirmation_number: { type: 'string' } },
    required: ['confirmation_number'],
  },
  url: 'http://127.0.0.1:3000/contact',
  title: 'Contact us',
  history: [],
  maxSteps: 5,
};

/** A script that reads the real ids from the prompt, as a model would. */
const fillEmail = (req: FakeLlmRequest) =>
  JSON.stringify({
    reasoning: 'Type the email, then send.',
    actions: [
      {
        action: 'input_text',
        element_id: findElementId(req.promptText, { role: 'textbox', name: 'Email' }),
        value: '{{payload.email}}',
      },
      { action: 'click', element_id: findElementId(req.promptText, { role: 'button', name: 'Submit' }) },
    ],
  });
const unknownId = '{"reasoning": "guess", "actions": [{"action": "click", "element_id": "e404"}]}';
const usedTokens = (req: FakeLlmRequest) => estimateTokens(req.system + req.messages.map((m) => m.content).join(''));

describe.each<LlmProviderName>(['openai', 'anthropic'])(`${LlmPlannerService.name} with the %s SDK`, (provider) => {
  let server: FakeLlmServer;

  beforeAll(async () => {
    server = await FakeLlmServer.start({ apiKey: 'sk-test' });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  const planner = (env: Record<string, string> = {}) => {
    const baseUrl = provider === 'openai' ? server.openAiBaseUrl : server.anthropicBaseUrl;
    const config = loadLlmConfig({
      LLM_PROVIDER: provider,
      LLM_BASE_URL: baseUrl,
      LLM_API_KEY: 'sk-test',
      LLM_MAX_RETRIES: '0',
      ...env,
    });
    return new LlmPlannerService(new ModelRouter(config), config);
  };

  it('should return the actions with the ids from the prompt when the model answers a valid plan', async () => {
    server.script(fillEmail);

    const result = await planner().plan(input, contactFormTree());

    expect(result).toEqual({
      actions: [
        { type: 'input_text', elementId: 'e12', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
        { type: 'click', elementId: 'e17', reasoning: '' },
      ],
      reasoning: 'Type the email, then send.',
      provider,
      model: provider === 'openai' ? 'gpt-4o-mini' : 'claude-sonnet-4-6',
      inputTokens: usedTokens(server.requests[0]),
      outputTokens: estimateTokens(fillEmail(server.requests[0])),
      cachedTokens: 0,
      costUsd: expect.any(Number),
      attempts: 1,
      fallback: false,
      calls: [expect.objectContaining({ outcome: 'ok', httpAttempts: 1, httpStatuses: [200] })],
    });
    expect(result.costUsd).toBeGreaterThan(0);
    const [request] = server.requests;
    expect(request.system).toContain('planner protocol v2');
    expect(request.lastUserText).toContain('e12 textbox Email address * type=email');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.maxTokens).toBe(2048);
    if (provider === 'openai') {
      expect(request.body).toMatchObject({
        response_format: { type: 'json_schema', json_schema: { name: 'submit_plan', strict: false } },
        temperature: 0,
      });
    } else {
      expect(request.body).toMatchObject({
        tools: [{ name: 'submit_plan', input_schema: { type: 'object', required: ['actions'] } }],
        tool_choice: { type: 'tool', name: 'submit_plan' },
      });
      expect(request.forcedTool).toBe('submit_plan');
    }
  });

  it('should retry once with the validation error and sum the tokens when the first answer is invalid', async () => {
    server.script(['```json\n' + unknownId + '\n```', fillEmail]);

    const result = await planner().plan(input, contactFormTree());

    expect(result.attempts).toBe(2);
    expect(result.actions.map((a) => a.type)).toEqual(['input_text', 'click']);
    const [first, second] = server.requests;
    expect(second.messages).toHaveLength(3);
    expect(second.messages[1]).toEqual({ role: 'assistant', content: '```json\n' + unknownId + '\n```' });
    expect(second.lastUserText).toContain('actions[0].element_id: unknown element id "e404"');
    expect(result.inputTokens).toBe(usedTokens(first) + usedTokens(second));
  });

  it('should throw a terminal PLAN_INVALID when both answers are invalid', async () => {
    server.script(['I would click the submit button.', unknownId]);

    const error = await planner()
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: LlmExceptionCode.PLAN_INVALID, terminal: true });
    expect((error as Error).message).toContain('unknown element id "e404"');
    expect(server.requests).toHaveLength(2);
  });

  it('should throw a terminal PROVIDER_AUTH when the server answers 401', async () => {
    server.script(fillEmail);

    const error = await planner({ LLM_API_KEY: 'sk-wrong' })
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: LlmExceptionCode.PROVIDER_AUTH, terminal: true });
    expect(server.requests).toHaveLength(0);
  });

  it('should throw a retryable PROVIDER_ERROR after the SDK retries when the server keeps failing', async () => {
    server.script(() => ({ status: 503, message: 'overloaded', headers: { 'retry-after-ms': '10' } }));

    const error = await planner({ LLM_MAX_RETRIES: '1' })
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: LlmExceptionCode.PROVIDER_ERROR, terminal: false });
    expect((error as Error).message).toContain('503');
    expect(server.requests).toHaveLength(2);
  });

  it('should wait out retry-after and record both HTTP attempts when the server answers 429 once', async () => {
    server.script([{ status: 429, message: 'slow down', headers: { 'retry-after': '1' } }, fillEmail]);
    const started = Date.now();

    const result = await planner({ LLM_MAX_RETRIES: '2' }).plan(input, contactFormTree());

    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.calls).toEqual([
      expect.objectContaining({ outcome: 'ok', httpAttempts: 2, httpStatuses: [429, 200] }),
    ]);
  });

  it('should throw a retryable PROVIDER_ERROR when the model answers after the deadline', async () => {
    server.script(() => new Promise((resolve) => setTimeout(() => resolve('{}'), 3000).unref()));

    const error = await planner({ LLM_TIMEOUT_MS: '1000' })
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: LlmExceptionCode.PROVIDER_ERROR, terminal: false });
    expect((error as Error).message).toMatch(/timed out after 1000 ms/);
  });

  it('should fill the contact form, then complete with the confirmation number, when the demo script answers', async () => {
    server.script(contactFormDemo);

    const fill = await planner().plan(input, contactFormTree());
    const done = await planner().plan({ ...input, stepIndex: 1 }, contactConfirmationTree('WF-123456'));

    expect(fill.actions.map((a) => a.type)).toEqual([
      'input_text',
      'input_text',
      'input_text',
      'select_option',
      'click',
    ]);
    expect(fill.actions).toContainEqual(
      expect.objectContaining({ type: 'select_option', elementId: 'e13', option: 'sales' }),
    );
    expect(done.actions).toEqual([
      { type: 'complete', data: { confirmation_number: 'WF-123456' }, reasoning: 'Read from the page text.' },
    ]);
  });
});

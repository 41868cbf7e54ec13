import PQueue from 'p-queue';
import { contactFormTree } from '@webbyflow/testing';
import { LlmException, LlmExceptionCode, loadLlmConfig } from '@webbyflow/llm';
import type { LlmCompletion, LlmProvider, LlmRequest, ModelChain } from '@webbyflow/llm';
import { contactPlanInput } from './contact-plan-input.fixture';
import { LlmPlannerService } from './llm-planner.service';

const HANG = Symbol('hang until aborted');

/** Provider test double: answers from a queue and records what it was asked. */
class ScriptedProvider implements LlmProvider {
  readonly name = 'openai' as const;
  readonly requests: LlmRequest[] = [];

  constructor(
    private readonly replies: Array<string | Error | typeof HANG>,
    readonly model = 'scripted-model',
  ) {}

  complete(request: LlmRequest): Promise<LlmCompletion> {
    this.requests.push({ ...request, messages: [...request.messages] });
    const reply = this.replies.shift();
    if (reply === undefined) return Promise.reject(new Error('no scripted reply'));
    if (reply instanceof Error) return Promise.reject(reply);
    if (reply === HANG) {
      return new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(new Error('aborted by signal'))),
      );
    }
    return Promise.resolve({ text: reply, inputTokens: 100, outputTokens: 10, cachedTokens: 40, model: 'gpt-4o-2026' });
  }
}

/** The providers as a chain, first to last, each with its own limiter. */
const chainOf = (...providers: ScriptedProvider[]): ModelChain => ({
  chain: () =>
    providers.map((provider) => ({
      endpoint: { ...loadLlmConfig({}), model: provider.model },
      provider,
      limiter: new PQueue({ concurrency: 1 }),
    })),
});
const planner = (provider: ScriptedProvider, extra: Partial<typeof options> = {}) =>
  new LlmPlannerService(chainOf(provider), { ...options, ...extra });

const input = contactPlanInput;
const valid = JSON.stringify({
  reasoning: 'Fill in the email and send.',
  actions: [
    { action: 'input_text', element_id: 'e12', value: '{{payload.email}}' },
    { action: 'click', element_id: 'e17' },
  ],
});
const unknownId = JSON.stringify({ reasoning: 'x', actions: [{ action: 'click', element_id: 'e99' }] });
const options = {
  timeoutMs: 1000,
  maxTokens: 512,
  temperature: 0,
  prices: { gpt: { input: 1, output: 10, cachedInput: 0.5 } },
};

describe(LlmPlannerService.name, () => {
  it('should return the mapped actions after one attempt when the first answer is valid', async () => {
    const provider = new ScriptedProvider([valid]);

    const result = await planner(provider).plan(input, contactFormTree());

    expect(result).toEqual({
      actions: [
        { type: 'input_text', elementId: 'e12', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
        { type: 'click', elementId: 'e17', reasoning: '' },
      ],
      reasoning: 'Fill in the email and send.',
      provider: 'openai',
      model: 'gpt-4o-2026',
      inputTokens: 100,
      outputTokens: 10,
      cachedTokens: 40,
      // (60 × 1 + 40 × 0.5 + 10 × 10) / 1e6
      costUsd: 0.00018,
      attempts: 1,
      fallback: false,
      calls: [
        {
          provider: 'openai',
          model: 'gpt-4o-2026',
          repair: false,
          httpAttempts: 0,
          httpStatuses: [],
          outcome: 'ok',
          inputTokens: 100,
          outputTokens: 10,
          cachedTokens: 40,
          costUsd: 0.00018,
          durationMs: expect.any(Number),
          withImage: false,
        },
      ],
    });
    expect(provider.requests[0]).toMatchObject({ maxTokens: 512, temperature: 0, messages: [{ role: 'user' }] });
  });

  it('should retry once with the previous answer and the validation error when the first answer is invalid', async () => {
    const provider = new ScriptedProvider([unknownId, valid]);

    const result = await planner(provider).plan(input, contactFormTree());

    expect(result).toMatchObject({ attempts: 2, inputTokens: 200, outputTokens: 20, costUsd: 0.00036 });
    expect(result.calls.map((call) => [call.repair, call.outcome])).toEqual([
      [false, 'invalid'],
      [true, 'ok'],
    ]);
    const retry = provider.requests[1].messages;
    expect(retry).toHaveLength(3);
    expect(retry[1]).toEqual({ role: 'assistant', content: unknownId });
    expect(retry[2].role).toBe('user');
    expect(retry[2].content).toContain('actions[0].element_id: unknown element id "e99"');
  });

  it('should throw a terminal PLAN_INVALID naming the problem when the second answer is invalid too', async () => {
    const provider = new ScriptedProvider(['Sure, I will click submit.', unknownId]);

    const error = await planner(provider)
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LlmException);
    expect(error).toMatchObject({ code: LlmExceptionCode.PLAN_INVALID, terminal: true });
    expect((error as Error).message).toMatch(/no valid answer in 2 attempts.*unknown element id "e99"/);
    expect(provider.requests).toHaveLength(2);
  });

  it('should pass a provider LlmException through without retrying when the provider fails', async () => {
    const auth = new LlmException(LlmExceptionCode.PROVIDER_AUTH, 'openai refused the credentials (401)');
    const provider = new ScriptedProvider([auth]);

    await expect(planner(provider).plan(input, contactFormTree())).rejects.toBe(auth);
    expect(provider.requests).toHaveLength(1);
  });

  it('should throw a retryable PROVIDER_ERROR and abort the call when the deadline passes', async () => {
    const provider = new ScriptedProvider([HANG]);

    const error = await planner(provider, { timeoutMs: 50 })
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: LlmExceptionCode.PROVIDER_ERROR,
      terminal: false,
      message: 'openai scripted-model completion timed out after 50 ms',
    });
    expect(provider.requests[0].signal.aborted).toBe(true);
  });

  it('should throw ABORTED when the caller aborts', async () => {
    const provider = new ScriptedProvider([HANG]);
    const controller = new AbortController();

    const pending = planner(provider).plan(input, contactFormTree(), { signal: controller.signal });
    controller.abort();

    await expect(pending).rejects.toMatchObject({ code: LlmExceptionCode.ABORTED, terminal: false });
  });

  it('should wrap an unexpected error as a retryable PROVIDER_ERROR', async () => {
    const provider = new ScriptedProvider([new TypeError('socket hang up')]);

    await expect(planner(provider).plan(input, contactFormTree())).rejects.toMatchObject({
      code: LlmExceptionCode.PROVIDER_ERROR,
      message: 'openai scripted-model completion failed: socket hang up',
    });
  });

  it('should answer from the next model and record both calls when the first model fails', async () => {
    const first = new ScriptedProvider([new LlmException(LlmExceptionCode.PROVIDER_ERROR, 'openai returned 503')]);
    const second = new ScriptedProvider([valid], 'second-model');

    const result = await new LlmPlannerService(chainOf(first, second), options).plan(input, contactFormTree());

    expect(result).toMatchObject({ fallback: true, attempts: 1 });
    expect(result.calls.map((call) => call.outcome)).toEqual(['PROVIDER_ERROR', 'ok']);
  });

  it('should try the next model when the first gives no valid plan, and name both when all fail', async () => {
    const first = new ScriptedProvider(['nope', 'still nope']);
    const second = new ScriptedProvider([new LlmException(LlmExceptionCode.PROVIDER_ERROR, '503')], 'second');

    const error = await new LlmPlannerService(chainOf(first, second), options)
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: LlmExceptionCode.PROVIDER_ERROR, terminal: false });
    expect((error as Error).message).toMatch(
      /every model failed: openai\/scripted-model: .*no valid answer.* \| openai\/second: 503/,
    );
    // Every call made is on the failure, for the run's accounting, and on the failed event (failureFields).
    expect((error as LlmException).calls.map((call) => [call.repair, call.outcome])).toEqual([
      [false, 'invalid'],
      [true, 'invalid'],
      [false, 'PROVIDER_ERROR'],
    ]);
    expect((error as LlmException).failureFields()).toEqual({ calls: (error as LlmException).calls });
  });

  it('should attach the image only for the models that want it when the step has a screenshot', async () => {
    const provider = new ScriptedProvider([valid, valid]);
    const image = { mediaType: 'image/png' as const, base64: 'iVBORw0KGgo=' };

    await planner(provider).plan(input, contactFormTree(), { image });
    await planner(provider).plan(input, contactFormTree(), { image, vision: true });

    expect(provider.requests.map((request) => request.image)).toEqual([undefined, image]);
  });
});

import { contactFormTree } from '@webbyflow/testing';
import { LlmException, LlmExceptionCode } from '@webbyflow/llm';
import type { LlmCompletion, LlmProvider, LlmRequest, PlanInput } from '@webbyflow/llm';
import { LlmPlannerService } from './llm-planner.service';

const HANG = Symbol('hang until aborted');

/** Provider test double: answers from a queue and records what it was asked. */
class ScriptedProvider implements LlmProvider {
  readonly name = 'openai' as const;
  readonly model = 'scripted-model';
  readonly requests: LlmRequest[] = [];

  constructor(private readonly replies: Array<string | Error | typeof HANG>) {}

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
    return Promise.resolve({ text: reply, inputTokens: 100, outputTokens: 10, model: 'scripted-model-2026' });
  }
}

const input: PlanInput = {
  stepIndex: 0,
  goal: 'Send the contact form.',
  payload: { email: 'ada@example.com' },
  extractionSchema: null,
  url: 'http://127.0.0.1:3000/contact',
  title: 'Contact us',
  history: [],
  maxSteps: 5,
};
const valid = JSON.stringify({
  reasoning: 'Fill in the email and send.',
  actions: [
    { action: 'input_text', element_id: 'e12', value: '{{payload.email}}' },
    { action: 'click', element_id: 'e17' },
  ],
});
const unknownId = JSON.stringify({ reasoning: 'x', actions: [{ action: 'click', element_id: 'e99' }] });
const options = { timeoutMs: 1000, maxTokens: 512, temperature: 0 };

describe(LlmPlannerService.name, () => {
  it('should return the mapped actions after one attempt when the first answer is valid', async () => {
    const provider = new ScriptedProvider([valid]);

    const result = await new LlmPlannerService(provider, options).plan(input, contactFormTree());

    expect(result).toEqual({
      actions: [
        { type: 'input_text', elementId: 'e12', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
        { type: 'click', elementId: 'e17', reasoning: '' },
      ],
      reasoning: 'Fill in the email and send.',
      provider: 'openai',
      model: 'scripted-model-2026',
      inputTokens: 100,
      outputTokens: 10,
      attempts: 1,
    });
    expect(provider.requests[0]).toMatchObject({ maxTokens: 512, temperature: 0, messages: [{ role: 'user' }] });
  });

  it('should retry once with the previous answer and the validation error when the first answer is invalid', async () => {
    const provider = new ScriptedProvider([unknownId, valid]);

    const result = await new LlmPlannerService(provider, options).plan(input, contactFormTree());

    expect(result).toMatchObject({ attempts: 2, inputTokens: 200, outputTokens: 20 });
    const retry = provider.requests[1].messages;
    expect(retry).toHaveLength(3);
    expect(retry[1]).toEqual({ role: 'assistant', content: unknownId });
    expect(retry[2].role).toBe('user');
    expect(retry[2].content).toContain('actions[0].element_id: unknown element id "e99"');
  });

  it('should throw a terminal PLAN_INVALID naming the problem when the second answer is invalid too', async () => {
    const provider = new ScriptedProvider(['Sure, I will click submit.', unknownId]);

    const error = await new LlmPlannerService(provider, options)
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LlmException);
    expect(error).toMatchObject({ code: LlmExceptionCode.PLAN_INVALID, terminal: true });
    expect((error as Error).message).toMatch(/no valid plan in 2 attempts.*unknown element id "e99"/);
    expect(provider.requests).toHaveLength(2);
  });

  it('should pass a provider LlmException through without retrying when the provider fails', async () => {
    const auth = new LlmException(LlmExceptionCode.PROVIDER_AUTH, 'openai refused the credentials (401)');
    const provider = new ScriptedProvider([auth]);

    await expect(new LlmPlannerService(provider, options).plan(input, contactFormTree())).rejects.toBe(auth);
    expect(provider.requests).toHaveLength(1);
  });

  it('should throw a retryable PROVIDER_ERROR and abort the call when the deadline passes', async () => {
    const provider = new ScriptedProvider([HANG]);

    const error = await new LlmPlannerService(provider, { ...options, timeoutMs: 50 })
      .plan(input, contactFormTree())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({
      code: LlmExceptionCode.PROVIDER_ERROR,
      terminal: false,
      message: 'openai completion timed out after 50 ms',
    });
    expect(provider.requests[0].signal.aborted).toBe(true);
  });

  it('should throw ABORTED when the caller aborts', async () => {
    const provider = new ScriptedProvider([HANG]);
    const controller = new AbortController();

    const pending = new LlmPlannerService(provider, options).plan(input, contactFormTree(), controller.signal);
    controller.abort();

    await expect(pending).rejects.toMatchObject({ code: LlmExceptionCode.ABORTED, terminal: false });
  });

  it('should wrap an unexpected error as a retryable PROVIDER_ERROR', async () => {
    const provider = new ScriptedProvider([new TypeError('socket hang up')]);

    await expect(new LlmPlannerService(provider, options).plan(input, contactFormTree())).rejects.toMatchObject({
      code: LlmExceptionCode.PROVIDER_ERROR,
      message: 'openai completion failed: socket hang up',
    });
  });
});

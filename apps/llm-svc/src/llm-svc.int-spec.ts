import { randomUUID } from 'node:crypto';
import { roundUsd, type LlmProviderName } from '@webbyflow/llm';
import { MessageBus } from '@webbyflow/messaging';
import { estimateTokens, findElementId, type FakeLlmRequest } from '@webbyflow/testing';
import { LlmSvcHarness, type PlanStep } from './testing/llm-svc.harness';

const PLAN = 'webbyflow.cmd.llm.plan_step.v1';
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

describe('llm-svc', () => {
  let h: LlmSvcHarness;

  beforeAll(async () => {
    h = await LlmSvcHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => h.llm.reset());

  const boot = (provider: LlmProviderName) =>
    h.boot({
      NATS_MAX_DELIVER: '3',
      LLM_PROVIDER: provider,
      LLM_BASE_URL: provider === 'openai' ? h.llm.openAiBaseUrl : h.llm.anthropicBaseUrl,
      LLM_API_KEY: 'sk-test',
      LLM_MAX_RETRIES: '0',
    });
  /** The contact form's step, for the model: planner-selection.int-spec.ts covers the other planners. */
  const stepOn = (taskId: string) => h.step(taskId, { planner: 'llm' });
  const plan = (taskId: string, overrides: Partial<PlanStep> = {}) => h.plan(taskId, { planner: 'llm', ...overrides });
  /** A check_completion for the contact form's page, claiming `output`. */
  const check = async (taskId: string, output: unknown) => {
    const step = { ...stepOn(taskId), stepIndex: 1, output, claim: 'The form is sent.' };
    await h.app
      .get(MessageBus)
      .publish('webbyflow.cmd.llm.check_completion.v1', step, h.meta(taskId, 1, 'check_completion'));
  };
  const checked = (taskId: string) =>
    h.events.waitFor('webbyflow.evt.llm.completion_checked.v1', (e) => e.correlationId === taskId);

  describe('with the OpenAI SDK', () => {
    beforeAll(() => boot('openai'));

    it('should publish the mapped actions and token counts when the model answers a valid plan', async () => {
      h.llm.script(fillEmail);
      const taskId = randomUUID();

      await plan(taskId);

      const event = await h.generated(taskId);
      const [request] = h.llm.requests;
      expect(event).toMatchObject({
        id: `${taskId}:s0:plan_generated`,
        causationId: `${taskId}:s0:plan_step`,
        orgId: h.orgId,
      });
      expect(event.payload).toEqual({
        taskId,
        stepIndex: 0,
        actions: [
          { type: 'input_text', elementId: 'e12', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
          { type: 'click', elementId: 'e17', reasoning: '' },
        ],
        reasoning: 'Type the email, then send.',
        provider: 'openai',
        model: 'gpt-4o-mini',
        inputTokens: estimateTokens(request.system + request.messages.map((m) => m.content).join('')),
        outputTokens: estimateTokens(fillEmail(request)),
        attempts: 1,
        planner: 'llm',
        cachedTokens: 0,
        // gpt-4o-mini at the built-in price: 0.15 in, 0.6 out per 1M tokens
        costUsd: roundUsd((event.payload.inputTokens * 0.15 + event.payload.outputTokens * 0.6) / 1e6),
        fallback: false,
        calls: [expect.objectContaining({ provider: 'openai', outcome: 'ok', httpAttempts: 1, withImage: false })],
        // what the action-plan cache would keep: each target's print, for a later run's page
        cachedStep: {
          pageFingerprint: expect.any(String),
          actions: [
            expect.objectContaining({ targets: { elementId: expect.objectContaining({ name: 'email address *' }) } }),
            expect.objectContaining({ targets: { elementId: expect.objectContaining({ name: 'submit' }) } }),
          ],
        },
      });
      expect(request.lastUserText).toContain('e12 textbox Email address * type=email');
      const health = await fetch(`${await h.app.getUrl()}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { llm: { provider: 'openai' } } });
    });

    it('should fail terminally with PLAN_INVALID and the reason when both answers are invalid', async () => {
      h.llm.script(['I would click the submit button.', unknownId]);
      const taskId = randomUUID();

      await plan(taskId);

      const event = await h.failed(taskId);
      expect(event).toMatchObject({ id: `${taskId}:s0:plan_step:failed`, causationId: `${taskId}:s0:plan_step` });
      expect(event.payload).toMatchObject({
        taskId,
        stepIndex: 0,
        operation: PLAN,
        error: { name: 'LlmException', code: 'PLAN_INVALID', terminal: true },
      });
      expect(event.payload.error.message).toMatch(/no valid answer in 2 attempts.*unknown element id "e404"/);
      expect(h.llm.requests).toHaveLength(2);
      // Both answers cost tokens: the calls travel on the failure, so the run still counts them.
      expect(event.payload.calls?.map((c) => [c.repair, c.outcome])).toEqual([
        [false, 'invalid'],
        [true, 'invalid'],
      ]);
      expect(event.payload.calls?.every((c) => c.inputTokens > 0 && c.outputTokens > 0)).toBe(true);
    });

    it('should redeliver after a provider error and publish the plan of the next attempt', async () => {
      h.llm.script([{ status: 503, message: 'overloaded', headers: { 'x-should-retry': 'false' } }, fillEmail]);
      const taskId = randomUUID();

      await plan(taskId);

      expect((await h.generated(taskId)).payload.attempts).toBe(1);
      expect(h.llm.requests).toHaveLength(2);
    });

    it('should publish a retryable PROVIDER_ERROR failure when every delivery meets a provider error', async () => {
      h.llm.script(() => ({
        status: 429,
        message: 'slow down',
        headers: { 'x-should-retry': 'false', 'retry-after': '1' },
      }));
      const taskId = randomUUID();

      await plan(taskId);

      const event = await h.failed(taskId);
      // The provider's retry-after goes on to the recovery coordinator's backoff.
      expect(event.payload.error).toMatchObject({ code: 'PROVIDER_ERROR', terminal: false, retryAfterMs: 1_000 });
      expect(h.llm.requests).toHaveLength(3); // NATS_MAX_DELIVER
    });

    it('should publish completion_checked with the verdict and its cost when the model answers a check', async () => {
      h.llm.script(['not json', '{"met": true, "reason": "the confirmation number is shown"}']);
      const taskId = randomUUID();

      await check(taskId, null);

      const event = await checked(taskId);
      expect(event.id).toBe(`${taskId}:s1:completion_checked`);
      expect(event.payload).toMatchObject({
        met: true,
        reason: 'the confirmation number is shown',
        provider: 'openai',
      });
      expect(event.payload.calls.map((c) => [c.repair, c.outcome])).toEqual([
        [false, 'invalid'],
        [true, 'ok'],
      ]);
      expect(h.llm.requests[0].body).toMatchObject({ response_format: { json_schema: { name: 'submit_verdict' } } });
    });

    it('should fail terminally without a model call when the element tree artifact does not exist', async () => {
      const taskId = randomUUID();

      await plan(taskId, { elementTree: { ...h.tree, artifactId: randomUUID() } });

      expect((await h.failed(taskId)).payload.error).toMatchObject({ code: 'NOT_FOUND', terminal: true });
      expect(h.llm.requests).toHaveLength(0);
    });
  });

  describe('with the Anthropic SDK', () => {
    beforeAll(() => boot('anthropic'));

    it('should publish the plan with the Anthropic provider and model when the model answers', async () => {
      h.llm.script(fillEmail);
      const taskId = randomUUID();

      await plan(taskId, { stepIndex: 2 });

      const event = await h.generated(taskId);
      expect(event.id).toBe(`${taskId}:s2:plan_generated`);
      expect(event.payload).toMatchObject({
        stepIndex: 2,
        provider: 'anthropic',
        model: 'claude-sonnet-4-6',
        attempts: 1,
      });
      expect(event.payload.actions.map((a) => a.type)).toEqual(['input_text', 'click']);
      expect(event.payload.inputTokens).toBeGreaterThan(0);
      expect(h.llm.requests[0]).toMatchObject({ provider: 'anthropic' });
    });

    it('should answer a completion check through the forced verdict tool when the model says no', async () => {
      h.llm.script(['{"met": false, "reason": "no confirmation is shown"}']);
      const taskId = randomUUID();

      await check(taskId, { confirmation_number: 'WF-1' });

      expect((await checked(taskId)).payload).toMatchObject({ stepIndex: 1, met: false, provider: 'anthropic' });
      expect(h.llm.requests[0]).toMatchObject({ forcedTool: 'submit_verdict' });
      expect(h.llm.requests[0].system).toContain('completion checker');
      expect(h.llm.requests[0].lastUserText).toContain('Extracted data: {"confirmation_number":"WF-1"}');
    });

    it('should fail terminally with PROVIDER_AUTH when the provider refuses the key', async () => {
      h.llm.script(() => ({ status: 401, message: 'invalid x-api-key' }));
      const taskId = randomUUID();

      await plan(taskId);

      expect((await h.failed(taskId)).payload.error).toMatchObject({ code: 'PROVIDER_AUTH', terminal: true });
      expect(h.llm.requests).toHaveLength(1);
    });
  });
});

import { randomUUID } from 'node:crypto';
import type { ActionV1 } from '@webbyflow/contracts';
import { toCachedStep } from '@webbyflow/llm';
import { contactFormTree, findElementId } from '@webbyflow/testing';
import { LlmSvcHarness, type PlanStep } from '../testing/llm-svc.harness';

const FULL = { name: 'Ada Lovelace', email: 'ada@example.com', topic: 'support', message: 'Hello!' };

describe('llm-svc planner selection', () => {
  let h: LlmSvcHarness;

  beforeAll(async () => {
    h = await LlmSvcHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(() => h.llm.reset());

  /** A plan_step with the whole contact payload, which leaves the planner to the service unless it says. */
  const plan = (taskId: string, overrides: Partial<PlanStep>) => h.plan(taskId, { payload: FULL, ...overrides });

  describe('with no model configured at all', () => {
    beforeAll(() => h.boot({}));

    it('should plan with the heuristic and say so when the task leaves the planner to auto', async () => {
      const taskId = randomUUID();

      await plan(taskId, {});

      const { payload } = await h.generated(taskId);
      expect(payload).toMatchObject({ planner: 'heuristic', provider: 'heuristic', inputTokens: 0, outputTokens: 0 });
      expect(payload.confidence).toBeGreaterThanOrEqual(0.7);
      expect(payload.actions.map((a) => a.type)).toEqual([
        'input_text',
        'input_text',
        'select_option',
        'input_text',
        'click',
      ]);
      const health = await (await fetch(`${await h.app.getUrl()}/healthz`)).json();
      expect(health).toMatchObject({ status: 'ok', info: { llm: { planner: 'heuristic', model: 'none' } } });
    });

    it('should fail the step terminally with MODEL_NOT_CONFIGURED when the task asks for llm', async () => {
      const taskId = randomUUID();

      await plan(taskId, { planner: 'llm' });

      expect((await h.failed(taskId)).payload.error).toMatchObject({ code: 'MODEL_NOT_CONFIGURED', terminal: true });
      expect(h.llm.requests).toHaveLength(0);
    });
  });

  describe('with a model configured', () => {
    beforeAll(() =>
      h.boot({
        LLM_BASE_URL: h.llm.openAiBaseUrl,
        LLM_API_KEY: 'sk-test',
        LLM_MAX_RETRIES: '0',
        HEURISTIC_MIN_CONFIDENCE: '0.7',
      }),
    );

    it('should not call the model when the heuristic is confident in auto', async () => {
      const taskId = randomUUID();

      await plan(taskId, { planner: 'auto' });

      expect((await h.generated(taskId)).payload.planner).toBe('heuristic');
      expect(h.llm.requests).toHaveLength(0);
    });

    it('should hand over to the model with the heuristic confidence when it is not confident in auto', async () => {
      h.llm.script((req) =>
        JSON.stringify({
          reasoning: 'Only the email is known.',
          actions: [
            {
              action: 'input_text',
              element_id: findElementId(req.promptText, { role: 'textbox', name: 'Email' }),
              value: 'x@y.z',
            },
          ],
        }),
      );
      const taskId = randomUUID();

      await plan(taskId, { payload: { email: 'x@y.z' } });

      const { payload } = await h.generated(taskId);
      expect(payload).toMatchObject({ planner: 'llm', provider: 'openai' });
      expect(payload.confidence).toBeLessThan(0.7);
      expect(payload.reasoning).toMatch(/^Heuristic confidence .* the model planned\. Only the email is known\.$/);
      expect(h.llm.requests).toHaveLength(1);
    });

    describe('and a cached step from the action-plan cache', () => {
      const fill: ActionV1[] = [
        { type: 'input_text', elementId: 'e12', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
        { type: 'click', elementId: 'e17', reasoning: '' },
      ];
      const cached = toCachedStep(fill, contactFormTree())!;

      it('should replay it as planner cache with zero model calls when the page has every target', async () => {
        const taskId = randomUUID();

        await plan(taskId, { planner: 'llm', cache: { step: cached, samePage: true } });

        const { payload } = await h.generated(taskId);
        expect(payload).toMatchObject({
          planner: 'cache',
          provider: 'cache',
          actions: fill,
          inputTokens: 0,
          costUsd: 0,
          calls: [],
          cache: { outcome: 'hit' },
        });
        expect(payload.cachedStep?.actions.map((a) => a.targets.elementId?.name)).toEqual([
          'email address *',
          'submit',
        ]);
        expect(h.llm.requests).toHaveLength(0);
      });

      it('should fail terminally with CACHE_MISS and the reason under cache_only when the page has other controls', async () => {
        const taskId = randomUUID();
        const otherPage = { ...cached, pageFingerprint: 'a page with other controls' };

        await plan(taskId, { planner: 'cache_only', cache: { step: otherPage, samePage: true } });

        const { error } = (await h.failed(taskId)).payload;
        expect(error).toMatchObject({ code: 'CACHE_MISS', terminal: true });
        expect(error.message).toMatch(/page has other controls/);
        expect(h.llm.requests).toHaveLength(0);
      });
    });
  });
});

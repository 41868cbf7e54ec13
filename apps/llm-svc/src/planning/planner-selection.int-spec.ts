import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ActionV1, ArtifactRefV1, PayloadInputOf } from '@webbyflow/contracts';
import { toCachedStep } from '@webbyflow/llm';
import { MessageBus } from '@webbyflow/messaging';
import {
  contactFormTree,
  EventRecorder,
  FakeArtifactServer,
  FakeLlmServer,
  findElementId,
  startNatsServer,
  type TestNatsServer,
} from '@webbyflow/testing';
import { AppModule } from '../app.module';
import { loadLlmSvcConfig } from '../config/llm-svc.config';

const ORG = 'org-planner';
const PLAN = 'webbyflow.cmd.llm.plan_step.v1';
const FULL = { name: 'Ada Lovelace', email: 'ada@example.com', topic: 'support', message: 'Hello!' };

describe('llm-svc planner selection', () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let llm: FakeLlmServer;
  let artifacts: FakeArtifactServer;
  let events: EventRecorder;
  let app: INestApplication | undefined;
  let tree: ArtifactRefV1;

  beforeAll(async () => {
    [nats, llm, artifacts] = await Promise.all([
      startNatsServer(),
      FakeLlmServer.start({ apiKey: 'sk-test' }),
      FakeArtifactServer.start(),
    ]);
    nc = await connect({ servers: nats.url });
    const body = Buffer.from(JSON.stringify(contactFormTree()));
    tree = artifacts.put({
      orgId: ORG,
      taskId: randomUUID(),
      kind: 'element_tree',
      contentType: 'application/json',
      body,
    });
  });
  afterAll(async () => {
    await events?.stop();
    await app?.close();
    await nc?.close();
    await Promise.all([nats?.stop(), llm?.close(), artifacts?.close()]);
  });
  beforeEach(() => llm.reset());

  /** One app at a time: they would share the `llm-commands` work queue. */
  const boot = async (llmEnv: Record<string, string>) => {
    await app?.close();
    const config = loadLlmSvcConfig({
      NATS_URL: nats.url,
      NATS_MAX_DELIVER: '2',
      INSTANCE_ID: `llm-it-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'silent',
      ARTIFACT_SVC_URL: artifacts.url,
      ...llmEnv,
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    events ??= await EventRecorder.start(nc); // the app creates the streams
  };
  const plan = async (taskId: string, overrides: Partial<PayloadInputOf<typeof PLAN>>) => {
    const step = {
      taskId,
      stepIndex: 0,
      goal: 'Send the contact form.',
      payload: FULL,
      extractionSchema: null,
      url: 'http://127.0.0.1:3000/contact',
      title: 'Contact us',
      elementTree: tree,
      history: [],
      maxSteps: 5,
      ...overrides,
    };
    const meta = { id: `${taskId}:s0:plan_step`, correlationId: taskId, causationId: null, orgId: ORG };
    await app!.get(MessageBus).publish(PLAN, step, meta);
  };
  const generated = (taskId: string) =>
    events.waitFor('webbyflow.evt.llm.plan_generated.v1', (e) => e.correlationId === taskId);
  const failed = (taskId: string) => events.waitFor('webbyflow.evt.llm.failed.v1', (e) => e.correlationId === taskId);

  describe('with no model configured at all', () => {
    beforeAll(() => boot({}));

    it('should plan with the heuristic and say so when the task leaves the planner to auto', async () => {
      const taskId = randomUUID();

      await plan(taskId, {});

      const { payload } = await generated(taskId);
      expect(payload).toMatchObject({ planner: 'heuristic', provider: 'heuristic', inputTokens: 0, outputTokens: 0 });
      expect(payload.confidence).toBeGreaterThanOrEqual(0.7);
      expect(payload.actions.map((a) => a.type)).toEqual([
        'input_text',
        'input_text',
        'select_option',
        'input_text',
        'click',
      ]);
      const health = await (await fetch(`${await app!.getUrl()}/healthz`)).json();
      expect(health).toMatchObject({ status: 'ok', info: { llm: { planner: 'heuristic', model: 'none' } } });
    });

    it('should fail the step terminally with MODEL_NOT_CONFIGURED when the task asks for llm', async () => {
      const taskId = randomUUID();

      await plan(taskId, { planner: 'llm' });

      expect((await failed(taskId)).payload.error).toMatchObject({ code: 'MODEL_NOT_CONFIGURED', terminal: true });
      expect(llm.requests).toHaveLength(0);
    });
  });

  describe('with a model configured', () => {
    beforeAll(() =>
      boot({
        LLM_BASE_URL: llm.openAiBaseUrl,
        LLM_API_KEY: 'sk-test',
        LLM_MAX_RETRIES: '0',
        HEURISTIC_MIN_CONFIDENCE: '0.7',
      }),
    );

    it('should not call the model when the heuristic is confident in auto', async () => {
      const taskId = randomUUID();

      await plan(taskId, { planner: 'auto' });

      expect((await generated(taskId)).payload.planner).toBe('heuristic');
      expect(llm.requests).toHaveLength(0);
    });

    it('should hand over to the model with the heuristic confidence when it is not confident in auto', async () => {
      llm.script((req) =>
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

      const { payload } = await generated(taskId);
      expect(payload).toMatchObject({ planner: 'llm', provider: 'openai' });
      expect(payload.confidence).toBeLessThan(0.7);
      expect(payload.reasoning).toMatch(/^Heuristic confidence .* the model planned\. Only the email is known\.$/);
      expect(llm.requests).toHaveLength(1);
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

        const { payload } = await generated(taskId);
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
        expect(llm.requests).toHaveLength(0);
      });

      it('should fail terminally with CACHE_MISS and the reason under cache_only when the page has other controls', async () => {
        const taskId = randomUUID();
        const otherPage = { ...cached, pageFingerprint: 'a page with other controls' };

        await plan(taskId, { planner: 'cache_only', cache: { step: otherPage, samePage: true } });

        const { error } = (await failed(taskId)).payload;
        expect(error).toMatchObject({ code: 'CACHE_MISS', terminal: true });
        expect(error.message).toMatch(/page has other controls/);
        expect(llm.requests).toHaveLength(0);
      });
    });
  });
});

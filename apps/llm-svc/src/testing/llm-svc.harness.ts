import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ArtifactRefV1, PayloadInputOf } from '@webbyflow/contracts';
import { MessageBus, type MessageMeta } from '@webbyflow/messaging';
import {
  contactFormTree,
  EventRecorder,
  FakeArtifactServer,
  FakeLlmServer,
  startNatsServer,
  type TestNatsServer,
} from '@webbyflow/testing';
import { AppModule } from '../app.module';
import { loadLlmSvcConfig } from '../config/llm-svc.config';

const ORG = 'org-llm-svc';
const PLAN = 'webbyflow.cmd.llm.plan_step.v1';
export type PlanStep = PayloadInputOf<typeof PLAN>;

/**
 * A real llm-svc (Nest app, own NATS) with a fake model provider (OpenAI and Anthropic wire formats, key
 * `sk-test`) and a fake artifact store holding the contact form's element tree, driven through its NATS
 * commands. Boot one app at a time: apps on the same NATS share the `llm-commands` work queue.
 */
export class LlmSvcHarness {
  readonly orgId = ORG;
  private current: INestApplication | undefined;
  private recorder: EventRecorder | undefined;

  private constructor(
    readonly nats: TestNatsServer,
    readonly nc: NatsConnection,
    readonly llm: FakeLlmServer,
    readonly artifacts: FakeArtifactServer,
    /** The contact form's element tree, stored in the fake artifact store. */
    readonly tree: ArtifactRefV1,
  ) {}

  static async start(): Promise<LlmSvcHarness> {
    const [nats, llm, artifacts] = await Promise.all([
      startNatsServer(),
      FakeLlmServer.start({ apiKey: 'sk-test' }),
      FakeArtifactServer.start(),
    ]);
    const tree = artifacts.put({
      orgId: ORG,
      taskId: randomUUID(),
      kind: 'element_tree',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(contactFormTree())),
    });
    try {
      const nc = await connect({ servers: nats.url });
      return new LlmSvcHarness(nats, nc, llm, artifacts, tree);
    } catch (error) {
      await Promise.all([nats.stop(), llm.close(), artifacts.close()]);
      throw error;
    }
  }

  /** Closes the running app, if any, and boots one with `env` added to or overriding the test settings. */
  async boot(env: Record<string, string>): Promise<void> {
    await this.current?.close();
    const config = loadLlmSvcConfig({
      NATS_URL: this.nats.url,
      NATS_MAX_DELIVER: '2',
      INSTANCE_ID: `llm-it-${randomUUID().slice(0, 8)}`,
      LOG_LEVEL: 'silent',
      ARTIFACT_SVC_URL: this.artifacts.url,
      ...env,
    });
    this.current = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await this.current.listen(0, '127.0.0.1');
    this.recorder ??= await EventRecorder.start(this.nc); // the first app creates the streams
  }

  get app(): INestApplication {
    if (!this.current) throw new Error('boot() llm-svc first');
    return this.current;
  }

  get events(): EventRecorder {
    if (!this.recorder) throw new Error('boot() llm-svc first');
    return this.recorder;
  }

  /** The `/contact` page's first step for a plan_step or check_completion command, with `overrides`. */
  step(taskId: string, overrides: Partial<PlanStep> = {}): PlanStep {
    return {
      taskId,
      stepIndex: 0,
      goal: 'Send the contact form.',
      payload: { email: 'ada@example.com' },
      extractionSchema: null,
      url: 'http://127.0.0.1:3000/contact',
      title: 'Contact us',
      elementTree: this.tree,
      history: [],
      maxSteps: 5,
      ...overrides,
    };
  }

  /** The meta of command `operation` for step `stepIndex` of run `taskId`, as the orchestrator sends it. */
  meta(taskId: string, stepIndex: number, operation: string): MessageMeta {
    return { id: `${taskId}:s${stepIndex}:${operation}`, correlationId: taskId, causationId: null, orgId: this.orgId };
  }

  async plan(taskId: string, overrides: Partial<PlanStep> = {}): Promise<void> {
    const step = this.step(taskId, overrides);
    await this.app.get(MessageBus).publish(PLAN, step, this.meta(taskId, step.stepIndex, 'plan_step'));
  }

  generated(taskId: string) {
    return this.events.waitFor('webbyflow.evt.llm.plan_generated.v1', (e) => e.correlationId === taskId);
  }

  failed(taskId: string) {
    return this.events.waitFor('webbyflow.evt.llm.failed.v1', (e) => e.correlationId === taskId);
  }

  async stop(): Promise<void> {
    await this.recorder?.stop();
    await this.current?.close();
    await this.nc.close();
    await Promise.all([this.nats.stop(), this.llm.close(), this.artifacts.close()]);
  }
}

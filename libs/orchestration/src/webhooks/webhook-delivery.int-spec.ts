import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TaskSpecV1, type WebhookDeliveryViewV1 } from '@webbyflow/contracts';
import { ensureStreams, messagingConfigSchema } from '@webbyflow/messaging';
import {
  createDataSourceOptions,
  createScratchDatabase,
  type ScratchDatabase,
  WebhookSecretStore,
} from '@webbyflow/persistence';
import { startNatsServer, type TestNatsServer, waitFor } from '@webbyflow/testing';
import { orchestrationConfigSchema } from '../orchestration.config';
import { OrchestrationModule } from '../orchestration.module';
import { testBusModule } from '../testing/orchestration.test-bed';
import { TaskService } from '../tasks/task.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { verifyWebhookSignature } from './webhook-signature';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  at: number;
}
type Answer = { status: number; headers?: Record<string, string> };

/** A real HTTP receiver: answers each path from its script (the last answer repeats) and records every request. */
class Receiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      this.received.push({
        path,
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const script = this.scripts.get(path) ?? [];
      const answer = (script.length > 1 ? script.shift() : script[0]) ?? { status: 200 };
      res.writeHead(answer.status, answer.headers).end('ok');
    });
  });
  port = 0;

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  /** A fresh path answering `answers` in turn. */
  hook(...answers: Answer[]): { url: string; path: string } {
    const path = `/hooks/${randomUUID()}`;
    this.scripts.set(path, answers.length ? answers : [{ status: 200 }]);
    return { url: `http://127.0.0.1:${this.port}${path}`, path };
  }
  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('webhook delivery', () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let db: ScratchDatabase;
  let app: INestApplicationContext;
  let receiver: Receiver;
  let orgId: string;
  let secret: string;

  const boot = async () => {
    @Module({
      imports: [
        testBusModule(nc),
        TypeOrmModule.forRoot(createDataSourceOptions(db.config)),
        OrchestrationModule.forRoot(
          orchestrationConfigSchema.parse({
            ORCHESTRATOR_SWEEP_INTERVAL_MS: '100000',
            WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
            WEBHOOK_ATTEMPTS: '3',
            WEBHOOK_BACKOFF_BASE_MS: '50',
            WEBHOOK_POLL_INTERVAL_MS: '100',
            WEBHOOK_TIMEOUT_MS: '3000',
          }),
        ),
      ],
    })
    class TestModule {}
    const context = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await context.init();
    return context;
  };

  // A generous timeout: a scratch database and a nats-server start slowly on a loaded 2-core machine.
  beforeAll(async () => {
    receiver = new Receiver();
    [nats, db] = await Promise.all([
      startNatsServer(),
      createScratchDatabase({ label: 'webhooks', migrate: true }),
      receiver.listen(),
    ]);
    nc = await connect({ servers: nats.url });
    await ensureStreams(await jetstreamManager(nc), messagingConfigSchema.parse({}));
    const [org] = await db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO orgs (name) VALUES ('webhook-org') RETURNING id`,
    );
    orgId = org.id;
    app = await boot();
    secret = (await app.get(WebhookSecretStore).rotate(orgId)).secret;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await db?.drop();
    await nats?.stop();
    await receiver?.close();
  });

  const tasks = () => app.get(TaskService);
  const deliveries = () => app.get(WebhookDeliveriesService);

  /** A run that ends (canceled) right away, with its webhook pointed at `url`. */
  async function finishedRun(webhookUrl: string | null): Promise<string> {
    const spec = TaskSpecV1.parse({ url: 'http://127.0.0.1:9/start', goal: 'anything', webhookUrl });
    const view = await tasks().create(orgId, spec, randomUUID());
    await tasks().cancel(orgId, view.id, 'stop', randomUUID());
    return view.id;
  }

  const settled = (taskId: string, count = 1) =>
    waitFor(
      async () => {
        const { deliveries: list } = await deliveries().list(orgId, taskId);
        return list.length >= count && list.every((d) => d.status !== 'pending') && list;
      },
      { what: `settled webhook deliveries of ${taskId}`, timeoutMs: 15_000 },
    );

  it('should POST a signed result that verifyWebhookSignature accepts when the run ends', async () => {
    const hook = receiver.hook({ status: 204 });
    const taskId = await finishedRun(hook.url);
    const [delivery] = await settled(taskId);
    const [request] = receiver.at(hook.path);
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 1, eventId: `${taskId}:canceled` });
    expect(verifyWebhookSignature(secret, request.headers['webbyflow-signature'] as string, request.rawBody)).toBe(
      true,
    );
    expect(
      verifyWebhookSignature('whsec_wrong', request.headers['webbyflow-signature'] as string, request.rawBody),
    ).toBe(false);
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'webbyflow-event-id': `${taskId}:canceled`,
      'webbyflow-delivery-id': delivery.id,
      'x-webbyflow-task-id': taskId,
    });
    expect(request.headers['webbyflow-signature']).toMatch(
      new RegExp(`^t=${request.headers['webbyflow-timestamp'] as string},v1=[0-9a-f]{64}$`),
    );
    expect(JSON.parse(request.rawBody)).toMatchObject({
      event_id: `${taskId}:canceled`,
      event: 'task.canceled',
      task_id: taskId,
      status: 'canceled',
      failure_reason: 'stop',
    });
  });

  it('should retry after a 500 and log both attempts, newest first, when the second one gets a 200', async () => {
    const hook = receiver.hook({ status: 500 }, { status: 200 });
    const taskId = await finishedRun(hook.url);
    const [delivery] = await settled(taskId);
    expect(receiver.at(hook.path)).toHaveLength(2);
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 2, nextAttemptAt: null });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 2, responseStatus: 200, error: null, outcome: 'delivered' }),
      expect.objectContaining({ attempt: 1, responseStatus: 500, error: 'HTTP 500', outcome: 'retry' }),
    ]);
    const [first, second] = receiver.at(hook.path);
    expect(second.headers['webbyflow-event-id']).toBe(first.headers['webbyflow-event-id']);
  });

  it('should wait at least Retry-After before the next attempt when the receiver answers 429', async () => {
    const hook = receiver.hook({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
    const taskId = await finishedRun(hook.url);
    const [delivery] = await settled(taskId);
    const [first, second] = receiver.at(hook.path);
    expect(second.at - first.at).toBeGreaterThanOrEqual(1000);
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([200, 429]);
  });

  it('should fail for good on a 400 without touching the run when the receiver rejects the payload', async () => {
    const hook = receiver.hook({ status: 400 });
    const taskId = await finishedRun(hook.url);
    const before = await tasks().get(orgId, taskId);
    const [delivery] = await settled(taskId);
    expect(delivery).toMatchObject({ status: 'failed', attemptCount: 1 });
    expect(delivery.attempts).toEqual([expect.objectContaining({ responseStatus: 400, outcome: 'failed' })]);
    expect(receiver.at(hook.path)).toHaveLength(1);
    expect(await tasks().get(orgId, taskId)).toEqual(before);
  });

  it('should give up after WEBHOOK_ATTEMPTS when the receiver keeps failing', async () => {
    const hook = receiver.hook({ status: 503 });
    const taskId = await finishedRun(hook.url);
    const [delivery] = await settled(taskId);
    expect(delivery).toMatchObject({ status: 'failed', attemptCount: 3 });
    expect(delivery.attempts.map((a) => a.outcome)).toEqual(['failed', 'retry', 'retry']);
    expect((await tasks().get(orgId, taskId)).status).toBe('canceled');
  });

  it('should queue a new delivery with the same event id when asked to resend', async () => {
    const hook = receiver.hook({ status: 200 });
    const taskId = await finishedRun(hook.url);
    const [original] = await settled(taskId);
    const resent: WebhookDeliveryViewV1 = await deliveries().resend(orgId, taskId);
    expect(resent).toMatchObject({ trigger: 'resend', status: 'pending', eventId: original.eventId, attempts: [] });
    const list = await settled(taskId, 2);
    expect(list.map((d) => [d.id, d.trigger, d.status])).toEqual([
      [resent.id, 'resend', 'delivered'],
      [original.id, 'finished', 'delivered'],
    ]);
    const [first, second] = receiver.at(hook.path);
    expect(second.rawBody).toBe(first.rawBody);
    expect(second.headers['webbyflow-delivery-id']).toBe(resent.id);
  });

  it('should refuse to resend when the run is not finished, has no webhook, or is not the caller’s', async () => {
    const running = await tasks().create(
      orgId,
      TaskSpecV1.parse({ url: 'http://127.0.0.1:9/', goal: 'x', webhookUrl: receiver.hook().url }),
      randomUUID(),
    );
    await expect(deliveries().resend(orgId, running.id)).rejects.toMatchObject({ code: 'TASK_NOT_FINISHED' });
    const silent = await finishedRun(null);
    await expect(deliveries().resend(orgId, silent)).rejects.toMatchObject({ code: 'WEBHOOK_NOT_CONFIGURED' });
    expect((await deliveries().list(orgId, silent)).deliveries).toEqual([]);
    await expect(deliveries().resend(randomUUID(), silent)).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    await expect(deliveries().list(randomUUID(), silent)).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('should finish a pending delivery after the orchestrator restarts', async () => {
    const hook = receiver.hook({ status: 503, headers: { 'Retry-After': '2' } }, { status: 200 });
    const taskId = await finishedRun(hook.url);
    await waitFor(() => receiver.at(hook.path).length === 1, { what: 'the first attempt' });
    await waitFor(async () => (await deliveries().list(orgId, taskId)).deliveries[0]?.attemptCount === 1, {
      what: 'the first attempt recorded',
    });
    await app.close();
    app = await boot();
    const [delivery] = await settled(taskId);
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 2 });
  });

  it('should attempt each delivery once when two orchestrators poll the same table', async () => {
    const other = await boot();
    try {
      const hooks = Array.from({ length: 6 }, () => receiver.hook({ status: 200 }));
      const ids = await Promise.all(hooks.map((hook) => finishedRun(hook.url)));
      for (const id of ids) await settled(id);
      for (const hook of hooks) expect(receiver.at(hook.path)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Injectable, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DomainException } from '@webbyflow/common';
import { COMMANDS_STREAM, EVENTS_STREAM, type Envelope, type PayloadOf } from '@webbyflow/contracts';
import { startNatsServer, type TestNatsServer, waitFor } from '@webbyflow/testing';
import { MessageBus } from './message-bus';
import { messagingConfigSchema } from './messaging.config';
import { MessagingModule } from './messaging.module';
import { NATS_CONNECTION } from './messaging.tokens';
import { OnAnyEvent, OnMessage, OnQuery } from './on-message.decorator';
import { ensureStreams } from './streams';

type OpenSession = Envelope<PayloadOf<'webbyflow.cmd.browser.open_session.v1'>>;

class Terminal extends DomainException<'NOPE'> {
  readonly terminal = true;
}

const seen: OpenSession[] = [];
const behaviour = { failTimes: 0, terminal: false, hang: false };
let releaseHung: () => void = () => undefined;

@Injectable()
class BrowserHandlers {
  @OnMessage('webbyflow.cmd.browser.open_session.v1')
  async open(message: OpenSession): Promise<void> {
    seen.push(message);
    if (behaviour.hang) await new Promise<void>((resolve) => (releaseHung = resolve));
    if (behaviour.terminal) throw new Terminal('NOPE', 'cannot open');
    if (behaviour.failTimes > 0) {
      behaviour.failTimes -= 1;
      throw new Error('flaky');
    }
  }
  @OnMessage('webbyflow.cmd.browser.scrape_page.v1')
  async scrape(): Promise<void> {}
  @OnMessage('webbyflow.cmd.browser.execute_action.v1')
  async execute(): Promise<void> {}
  @OnMessage('webbyflow.cmd.browser.close_session.v1')
  async close(): Promise<void> {}
}

@Injectable()
class ArtifactHandlers {
  @OnQuery('webbyflow.qry.artifact.get_artifact.v1')
  async get(message: Envelope<PayloadOf<'webbyflow.qry.artifact.get_artifact.v1'>>) {
    await Promise.resolve();
    if (message.payload.artifactId === '00000000-0000-4000-8000-000000000000')
      throw new Terminal('NOPE', 'no such artifact');
    return {
      artifactId: message.payload.artifactId,
      orgId: message.orgId,
      taskId: null,
      kind: 'screenshot' as const,
      contentType: 'image/png',
      sizeBytes: 3,
      sha256: 'a'.repeat(64),
    };
  }
}

const logged: Envelope[] = [];
const queuedSeen: Envelope[] = [];
/** Envelope ids whose first delivery to the tap fails (retryable). */
const failOnce = new Set<string>();

@Injectable()
class EventLog {
  @OnAnyEvent()
  async record(message: Envelope): Promise<void> {
    await Promise.resolve();
    if (failOnce.delete(message.id)) throw new Error('database briefly away');
    logged.push(message);
  }

  @OnMessage('webbyflow.evt.task.queued.v1')
  async queued(message: Envelope<PayloadOf<'webbyflow.evt.task.queued.v1'>>): Promise<void> {
    await Promise.resolve();
    queuedSeen.push(message);
  }
}

async function boot(
  url: string,
  service: 'browser' | 'artifact' | 'gateway',
  provider: unknown,
  ackWaitMs = 2000,
): Promise<INestApplicationContext> {
  const config = messagingConfigSchema.parse({
    NATS_URL: url,
    NATS_ACK_WAIT_MS: String(ackWaitMs),
    NATS_MAX_DELIVER: '3',
  });
  @Module({
    imports: [MessagingModule.forRoot({ service, instanceId: 'test1', config })],
    providers: [provider as never],
  })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
  await app.init();
  return app;
}

const meta = (id: string) => ({ id, correlationId: randomUUID(), causationId: null, orgId: 'org-1' });

describe(MessagingModule.name, () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    await nc.close().catch(() => undefined);
    await nats.stop();
  });
  beforeEach(() => {
    seen.length = 0;
    Object.assign(behaviour, { failTimes: 0, terminal: false, hang: false });
  });

  it('should deliver a typed command once and de-duplicate a re-publish with the same id', async () => {
    const app = await boot(nats.url, 'browser', BrowserHandlers);
    const bus = app.get(MessageBus);
    const m = meta(`open-${randomUUID()}`);
    await bus.publish(
      'webbyflow.cmd.browser.open_session.v1',
      { taskId: m.correlationId, url: 'http://127.0.0.1/' },
      m,
    );
    await bus.publish(
      'webbyflow.cmd.browser.open_session.v1',
      { taskId: m.correlationId, url: 'http://127.0.0.1/' },
      m,
    );
    await waitFor(() => seen.length === 1, { what: 'delivery' });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      id: m.id,
      subject: 'webbyflow.cmd.browser.open_session.v1',
      version: 1,
      orgId: 'org-1',
    });
    await app.close();
  });

  it('should redeliver with backoff when a handler throws a retryable error', async () => {
    behaviour.failTimes = 1;
    const app = await boot(nats.url, 'browser', BrowserHandlers);
    const m = meta(`open-${randomUUID()}`);
    await app
      .get(MessageBus)
      .publish('webbyflow.cmd.browser.open_session.v1', { taskId: m.correlationId, url: 'http://x.test/' }, m);
    await waitFor(() => seen.length === 2, { what: 'redelivery' });
    await app.close();
  });

  it('should publish the service failure event when a handler fails terminally', async () => {
    behaviour.terminal = true;
    const app = await boot(nats.url, 'browser', BrowserHandlers);
    const jsm = await jetstreamManager(nc);
    const before = (await jsm.streams.info(EVENTS_STREAM)).state.messages;
    const m = meta(`open-${randomUUID()}`);
    await app
      .get(MessageBus)
      .publish('webbyflow.cmd.browser.open_session.v1', { taskId: m.correlationId, url: 'http://x.test/' }, m);
    const failed = await waitFor(
      async () => {
        const info = await jsm.streams.info(EVENTS_STREAM);
        if (info.state.messages === before) return undefined;
        return jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: 'webbyflow.evt.browser.failed.v1' });
      },
      { what: 'browser.failed event' },
    );
    expect(failed?.json()).toMatchObject({
      correlationId: m.correlationId,
      causationId: m.id,
      payload: { operation: 'webbyflow.cmd.browser.open_session.v1', error: { code: 'NOPE', terminal: true } },
    });
    expect(seen).toHaveLength(1);
    await app.close();
  });

  it('should not lose a command when the service dies while handling it', async () => {
    behaviour.hang = true;
    const first = await boot(nats.url, 'browser', BrowserHandlers, 1000);
    const m = meta(`open-${randomUUID()}`);
    await first
      .get(MessageBus)
      .publish('webbyflow.cmd.browser.open_session.v1', { taskId: m.correlationId, url: 'http://x.test/' }, m);
    await waitFor(() => seen.length === 1, { what: 'first delivery' });
    // The process "dies": its connection goes away without an ack.
    await first.get<NatsConnection>(NATS_CONNECTION).close();
    await nats.restart();
    behaviour.hang = false;
    const second = await boot(nats.url, 'browser', BrowserHandlers, 1000);
    await waitFor(() => seen.length >= 2, { what: 'redelivery after restart', timeoutMs: 15_000 });
    expect(seen.at(-1)?.id).toBe(m.id);
    const fresh = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(fresh);
    await waitFor(async () => (await jsm.streams.info(COMMANDS_STREAM)).state.messages === 0, {
      what: 'work queue drained',
    });
    await fresh.close();
    await second.close();
    releaseHung();
    await first.close().catch(() => undefined);
  });

  it('should say no responder when no service answers a query', async () => {
    const app = await boot(nats.url, 'browser', BrowserHandlers);
    await expect(
      app
        .get(MessageBus)
        .request('webbyflow.qry.orchestrator.get_task.v1', { orgId: 'org-1', taskId: randomUUID() }, meta('q0')),
    ).rejects.toMatchObject({ code: 'MESSAGING_NO_RESPONDER' });
    await app.close();
  });

  it('should show every event once to an @OnAnyEvent handler whatever its subject, on its own cursor', async () => {
    const taskId = randomUUID();
    const m = { correlationId: taskId, causationId: null, orgId: 'org-1' };
    const early = { ...m, id: `${taskId}:created` };
    const client = await connect({ servers: nats.url }); // the server may have restarted since beforeAll
    const jsm = await jetstreamManager(client);
    await ensureStreams(jsm, messagingConfigSchema.parse({}));
    const bus = new MessageBus(client, jetstream(client), 5000);
    // Before the tap exists: a new tap starts from the beginning of the stream.
    await bus.publish(
      'webbyflow.evt.task.created.v1',
      { taskId, url: 'http://x.test/', goal: 'g', maxSteps: 1 },
      early,
    );
    const app = await boot(nats.url, 'gateway', EventLog);
    failOnce.add(`${taskId}:queued`);
    await bus.publish('webbyflow.evt.task.queued.v1', { taskId }, { ...m, id: `${taskId}:queued` });
    await bus.publish('webbyflow.evt.task.queued.v1', { taskId }, { ...m, id: `${taskId}:queued` });
    await bus.publish('webbyflow.evt.task.step_started.v1', { taskId, stepIndex: 0 }, { ...m, id: `${taskId}:s0` });
    // Not a valid payload for its subject: dropped before any handler sees it.
    client.publish('webbyflow.evt.task.canceled.v1', JSON.stringify({ ...m, id: `${taskId}:bad`, payload: {} }));
    await bus.publish('webbyflow.evt.task.canceled.v1', { taskId, reason: 'x' }, { ...m, id: `${taskId}:canceled` });

    const subjectsOf = (events: Envelope[]) => events.filter((e) => e.correlationId === taskId).map((e) => e.subject);
    await waitFor(() => subjectsOf(logged).length === 4, { what: 'four tapped events', timeoutMs: 15_000 });
    // Everything handled and acked, nothing left to redeliver: each event was seen exactly once.
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(EVENTS_STREAM, 'gateway-event-log');
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      { what: 'the tap to ack everything' },
    );
    expect(subjectsOf(logged).sort()).toEqual(
      [
        'webbyflow.evt.task.canceled.v1',
        'webbyflow.evt.task.created.v1',
        'webbyflow.evt.task.queued.v1',
        'webbyflow.evt.task.step_started.v1',
      ].sort(),
    );
    expect(failOnce.size).toBe(0); // the queued event was retried after its first delivery failed
    expect(logged.find((e) => e.id === `${taskId}:s0`)?.payload).toEqual({ taskId, stepIndex: 0 });
    // The service's own event handler still gets its events, independently of the tap.
    expect(subjectsOf(queuedSeen)).toEqual(['webbyflow.evt.task.queued.v1']);
    await app.close();
    await client.close();
  });

  it('should answer a query and carry a remote error by code', async () => {
    const responder = await boot(nats.url, 'artifact', ArtifactHandlers);
    const bus = responder.get(MessageBus);
    const id = randomUUID();
    await expect(
      bus.request('webbyflow.qry.artifact.get_artifact.v1', { orgId: 'org-1', artifactId: id }, meta('q1')),
    ).resolves.toMatchObject({ artifactId: id, orgId: 'org-1' });
    await expect(
      bus.request(
        'webbyflow.qry.artifact.get_artifact.v1',
        { orgId: 'org-1', artifactId: '00000000-0000-4000-8000-000000000000' },
        meta('q2'),
      ),
    ).rejects.toMatchObject({ code: 'NOPE', terminal: true });
    await responder.close();
  });
});

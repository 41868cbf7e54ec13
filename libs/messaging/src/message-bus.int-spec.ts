import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM } from '@webbyflow/contracts';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { MessageBus } from './message-bus';
import { messagingConfigSchema } from './messaging.config';
import { ensureStreams } from './streams';

describe(`${MessageBus.name} publishing while NATS is away`, () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let bus: MessageBus;

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    await ensureStreams(await jetstreamManager(nc), messagingConfigSchema.parse({ NATS_URL: nats.url }));
    bus = new MessageBus(nc, jetstream(nc), 500);
  });
  afterAll(async () => {
    await nc.close().catch(() => undefined);
    await nats.stop();
  });

  const sessionClosed = (id: string, retryForMs?: number) =>
    bus.publish(
      'webbyflow.evt.browser.session_closed.v1',
      { taskId: randomUUID(), reason: 'done' },
      { id, correlationId: randomUUID(), causationId: null, orgId: 'org-1' },
      { retryForMs },
    );

  const storedCopies = async (id: string) => {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(EVENTS_STREAM);
    let copies = 0;
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const msg = await jsm.streams.getMessage(EVENTS_STREAM, { seq }).catch(() => null);
      if (msg?.header?.get('Nats-Msg-Id') === id) copies++;
    }
    return copies;
  };

  it('should keep retrying within retryForMs and land the message once when NATS comes back', async () => {
    await nats.kill();
    const id = `closed-${randomUUID()}`;
    const published = sessionClosed(id, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several attempts time out meanwhile
    await nats.start();
    await expect(published).resolves.toBeUndefined();
    await sessionClosed(id, 20_000); // a handler re-run publishes the same id again
    expect(await storedCopies(id)).toBe(1);
  });

  it('should fail as before when no retry window is given', async () => {
    await nats.kill();
    try {
      await expect(sessionClosed(`closed-${randomUUID()}`)).rejects.toThrow();
    } finally {
      await nats.start();
    }
  });
});

import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureStreams, MessageBus, messagingConfigSchema } from '@webbyflow/messaging';
import { createScratchDatabase, type ScratchDatabase } from '@webbyflow/persistence';
import { EventRecorder, startNatsServer, type TestNatsServer, waitFor } from '@webbyflow/testing';
import type { EntityManager } from 'typeorm';
import { orchestrationConfigSchema } from '../orchestration.config';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox.relay';
import { markSent, publishInOrder, readUnsent } from './outbox.store';

describe(OutboxRelay.name, () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let db: ScratchDatabase;
  let bus: MessageBus;
  let outbox: Outbox;
  const relays: OutboxRelay[] = [];
  const orgId = randomUUID();

  /** A relay that is woken only by notifications (a poll a minute), as it would run in the orchestrator. */
  const relay = (env: Record<string, string> = {}) => {
    const config = orchestrationConfigSchema.parse({ OUTBOX_POLL_INTERVAL_MS: '60000', ...env });
    const instance = new OutboxRelay(db.dataSource, bus, config);
    relays.push(instance);
    return instance;
  };
  const queued = (em: EntityManager, taskId: string, key: string) =>
    outbox.add(em, 'webbyflow.evt.task.queued.v1', { taskId }, meta(taskId, key));
  const meta = (taskId: string, key: string) => ({
    id: `${taskId}:${key}`,
    correlationId: taskId,
    causationId: null,
    orgId,
  });
  const unsent = async () =>
    (await db.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0]
      .n;
  /** Every event on the stream now, in stream order (a fresh ordered consumer from the start). */
  const streamed = async (atLeast: number) => {
    const recorder = await EventRecorder.start(nc);
    try {
      await waitFor(() => recorder.events.length >= atLeast, { what: `${atLeast} events on the stream` });
      await new Promise((resolve) => setTimeout(resolve, 200)); // copies, if any, would follow at once
      return recorder.events.slice();
    } finally {
      await recorder.stop();
    }
  };
  const expectOnce = (ids: string[]) => expect(ids.length).toBe(new Set(ids).size);

  beforeEach(async () => {
    [nats, db] = await Promise.all([startNatsServer(), createScratchDatabase({ label: 'outbox', migrate: true })]);
    nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
    await ensureStreams(await jetstreamManager(nc), messagingConfigSchema.parse({}));
    bus = new MessageBus(nc, jetstream(nc), 1_000);
    outbox = new Outbox(bus);
  });

  afterEach(async () => {
    for (const r of relays.splice(0)) await r.onApplicationShutdown();
    await nc.close();
    await db.drop();
    await nats.stop();
  });

  it('should relay a committed message right after the commit, woken by its notification', async () => {
    const r = relay();
    r.onApplicationBootstrap();
    await waitFor(async () => (await unsent()) === 0); // the boot pass ran
    const taskId = randomUUID();
    const started = Date.now();
    await db.dataSource.transaction((em) => queued(em, taskId, 'queued'));
    const recorder = await EventRecorder.start(nc);
    await recorder.waitFor('webbyflow.evt.task.queued.v1', (e) => e.correlationId === taskId, { timeoutMs: 2_000 });
    await recorder.stop();
    // Far below the one-minute poll: the commit's NOTIFY woke the relay.
    expect(Date.now() - started).toBeLessThan(1_000);
    await waitFor(async () => (await unsent()) === 0, { what: 'the row marked sent' });
  });

  it('should publish nothing when the transaction that wrote the message rolls back', async () => {
    const r = relay();
    r.onApplicationBootstrap();
    const [rolledBack, committed] = [randomUUID(), randomUUID()];
    await expect(
      db.dataSource.transaction(async (em) => {
        await queued(em, rolledBack, 'queued');
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await db.dataSource.transaction((em) => queued(em, committed, 'queued'));

    const events = await streamed(1);
    expect(events.map((e) => e.correlationId)).toEqual([committed]);
    expect(await db.dataSource.query(`SELECT 1 FROM outbox WHERE correlation_id = $1`, [rolledBack])).toEqual([]);
  });

  it('should refuse a message written outside a transaction', async () => {
    await expect(queued(db.dataSource.manager, randomUUID(), 'queued')).rejects.toThrow(/inside the transaction/);
  });

  it('should publish each message once when a relay crashed between publishing and marking', async () => {
    const taskId = randomUUID();
    await db.dataSource.transaction(async (em) => {
      for (let i = 0; i < 3; i++) await queued(em, taskId, `q${i}`);
    });
    // The crashed relay: it published every row, then its transaction died before the rows were marked.
    await expect(
      db.dataSource.transaction(async (em) => {
        const outcome = await publishInOrder(bus, await readUnsent(em, 10));
        expect(outcome.sent).toHaveLength(3);
        throw new Error('killed before markSent');
      }),
    ).rejects.toThrow('killed');
    expect(await unsent()).toBe(3);

    await relay().drain();

    expect(await unsent()).toBe(0);
    const ids = (await streamed(3)).map((e) => e.id);
    expect(ids).toEqual([`${taskId}:q0`, `${taskId}:q1`, `${taskId}:q2`]);
    expectOnce(ids);
  });

  it('should relay the messages of each run in commit order when two relays share the outbox', async () => {
    [relay(), relay()].forEach((r) => r.onApplicationBootstrap());
    const tasks = [randomUUID(), randomUUID(), randomUUID()];
    const committed = new Map<string, string[]>(tasks.map((t) => [t, []]));
    // Each run commits 15 transitions of two messages; the runs commit side by side.
    await Promise.all(
      tasks.map(async (taskId) => {
        for (let i = 0; i < 15; i++) {
          await db.dataSource.transaction(async (em) => {
            await queued(em, taskId, `s${i}:a`);
            await queued(em, taskId, `s${i}:b`);
          });
          committed.get(taskId)!.push(`${taskId}:s${i}:a`, `${taskId}:s${i}:b`);
        }
      }),
    );
    const events = await streamed(90);
    expectOnce(events.map((e) => e.id));
    for (const taskId of tasks) {
      expect(events.filter((e) => e.correlationId === taskId).map((e) => e.id)).toEqual(committed.get(taskId));
    }
  });

  it('should keep rows while NATS is down and relay them once it is back', async () => {
    const r = relay({ OUTBOX_MAX_BACKOFF_MS: '500' });
    r.onApplicationBootstrap();
    await nats.kill();
    const taskId = randomUUID();
    await db.dataSource.transaction(async (em) => {
      await queued(em, taskId, 'q0');
      await queued(em, taskId, 'q1');
    });
    // The relay tries and fails (and counts it); the rows wait.
    await waitFor(
      async () =>
        (await db.dataSource.query<Array<{ attempts: number }>>(`SELECT attempts FROM outbox ORDER BY id`))[0]
          ?.attempts > 0,
      { what: 'a failed attempt recorded' },
    );
    expect(await unsent()).toBe(2);

    await nats.start();
    await waitFor(async () => (await unsent()) === 0, { timeoutMs: 15_000, what: 'the rows relayed' });
    const ids = (await streamed(2)).map((e) => e.id);
    expect(ids).toEqual([`${taskId}:q0`, `${taskId}:q1`]);
  });

  it('should delete sent rows older than the retention and keep the rest', async () => {
    const taskId = randomUUID();
    await db.dataSource.transaction(async (em) => {
      for (const key of ['old', 'recent', 'unsent']) await queued(em, taskId, key);
    });
    const ids = async () =>
      (await db.dataSource.query<Array<{ message_id: string }>>(`SELECT message_id FROM outbox ORDER BY id`)).map(
        (r) => r.message_id,
      );
    const [old, recent] = await db.dataSource.query<Array<{ id: string }>>(`SELECT id FROM outbox ORDER BY id`);
    await markSent(db.dataSource.manager, [old.id, recent.id]);
    await db.dataSource.query(`UPDATE outbox SET sent_at = now() - interval '25 hours' WHERE id = $1`, [old.id]);

    expect(await relay().cleanup()).toBe(1);
    expect(await ids()).toEqual([`${taskId}:recent`, `${taskId}:unsent`]);
  });
});

import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM, EVENTS_SUBJECTS } from '@webbyflow/contracts';
import { EventRecorder } from './event-recorder';
import { waitFor } from '../poll/wait-for';
import { startNatsServer, type TestNatsServer } from './nats-server';

const closed = (taskId: string, n: number) => ({
  id: `${taskId}:closed:${n}`,
  subject: 'webbyflow.evt.browser.session_closed.v1',
  version: 1,
  correlationId: taskId,
  causationId: null,
  occurredAt: new Date().toISOString(),
  orgId: 'org-1',
  payload: { taskId, reason: `reason ${n}` },
});

describe(EventRecorder.name, () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  const publish = async (subject: string, body: unknown) => {
    await jetstream(nc).publish(subject, typeof body === 'string' ? body : JSON.stringify(body));
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    await nc.close();
    await nats.stop();
  });

  it('should wait for the stream, replay earlier events and record later ones when started with a URL', async () => {
    const starting = EventRecorder.start(nats.url);
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: EVENTS_STREAM, subjects: [EVENTS_SUBJECTS] });
    const [a, b] = [randomUUID(), randomUUID()];
    await publish('webbyflow.evt.browser.session_closed.v1', closed(a, 1));
    const recorder = await starting;
    await publish('webbyflow.evt.browser.session_closed.v1', closed(b, 2));
    await publish('webbyflow.evt.browser.session_closed.v1', closed(a, 3));
    await publish('webbyflow.evt.browser.failed.v1', 'not json');

    const third = await recorder.waitFor(
      'webbyflow.evt.browser.session_closed.v1',
      (e) => e.payload.reason === 'reason 3',
    );

    expect(third).toMatchObject({ id: `${a}:closed:3`, correlationId: a, payload: { taskId: a } });
    expect(recorder.forTask(a).map((e) => e.id)).toEqual([`${a}:closed:1`, `${a}:closed:3`]);
    expect((await recorder.waitForTask(b, 'webbyflow.evt.browser.session_closed.v1')).map((e) => e.id)).toEqual([
      `${b}:closed:2`,
    ]);
    await waitFor(() => recorder.rejected.length === 1, { what: 'the invalid message' });
    expect(recorder.rejected[0].subject).toBe('webbyflow.evt.browser.failed.v1');
    await recorder.stop();
  });

  it('should skip history and fail with what it saw when started from new and the event never comes', async () => {
    const recorder = await EventRecorder.start(nc, { from: 'new' });
    const task = randomUUID();
    await publish('webbyflow.evt.browser.session_closed.v1', closed(task, 1));

    await recorder.waitFor('webbyflow.evt.browser.session_closed.v1', (e) => e.correlationId === task);
    expect(recorder.events.map((e) => e.correlationId)).toEqual([task]);
    await expect(
      recorder.waitFor('webbyflow.evt.browser.session_opened.v1', () => true, { timeoutMs: 300 }),
    ).rejects.toThrow(/session_opened.*recorded 1 events, last browser\.session_closed\.v1/);
    await recorder.stop();
    expect(nc.isClosed()).toBe(false);
  });
});

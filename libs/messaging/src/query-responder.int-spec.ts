import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { MessageBus } from './message-bus';
import { MessagingExceptionCode } from './messaging.exception';
import { QueryResponder } from './query-responder';

const SUBJECT = 'webbyflow.qry.orchestrator.list_tasks.v1';

describe(QueryResponder.name, () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let bus: MessageBus;
  let responder: QueryResponder;
  /** orgIds of the queries the handler ran, in order. */
  const handled: string[] = [];
  let release: () => void = () => {};

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    bus = new MessageBus(nc, jetstream(nc), 5_000);
    // One query at a time; a query for org "blocking" holds the only slot until the test releases it.
    responder = new QueryResponder(
      nc,
      SUBJECT,
      'test',
      async (envelope) => {
        const { orgId } = envelope.payload as { orgId: string };
        handled.push(orgId);
        if (orgId === 'blocking') await new Promise<void>((resolve) => (release = resolve));
        return { tasks: [], nextCursor: null };
      },
      1,
    );
    responder.start();
  });
  afterAll(async () => {
    await responder.stop();
    await nc.close();
    await nats.stop();
  });

  const list = (orgId: string, timeoutMs?: number) =>
    bus.request(
      SUBJECT,
      { orgId, status: null, after: null, limit: 10 },
      { id: randomUUID(), correlationId: randomUUID(), causationId: null, orgId },
      timeoutMs,
    );

  it('should skip a query whose requester stopped waiting before its turn came, and answer the next', async () => {
    const blocking = list('blocking');
    await new Promise((resolve) => setTimeout(resolve, 100)); // the blocking query holds the slot
    const impatient = list('impatient', 300);
    await expect(impatient).rejects.toMatchObject({ code: MessagingExceptionCode.REQUEST_TIMEOUT });
    release();
    await expect(blocking).resolves.toEqual({ tasks: [], nextCursor: null });

    await expect(list('patient')).resolves.toEqual({ tasks: [], nextCursor: null });
    // The impatient query reached its turn after its requester had given up: it never ran.
    expect(handled).toEqual(['blocking', 'patient']);
  });
});

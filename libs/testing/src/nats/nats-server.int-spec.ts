import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startNatsServer, type TestNatsServer } from './nats-server';

describe('startNatsServer', () => {
  let nats: TestNatsServer;

  beforeAll(async () => {
    nats = await startNatsServer();
  });

  afterAll(async () => {
    await nats?.stop();
  });

  const count = async () => {
    const nc = await connect({ servers: nats.url });
    try {
      return (await (await jetstreamManager(nc)).streams.info('T')).state.messages;
    } finally {
      await nc.close();
    }
  };

  it('should keep JetStream messages and the port across a crash restart and a graceful one', async () => {
    const nc = await connect({ servers: nats.url });
    await (await jetstreamManager(nc)).streams.add({ name: 'T', subjects: ['t.>'] });
    for (let i = 0; i < 10; i += 1) await jetstream(nc).publish(`t.${i}`, `m${i}`);
    await nc.close();

    await nats.restart(); // SIGKILL right after the acks
    expect(await count()).toBe(10);
    await nats.restart({ signal: 'SIGTERM', downtimeMs: 100 });
    expect(await count()).toBe(10);
  });

  it('should refuse connections while killed and accept them again after start', async () => {
    await nats.kill();
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow();
    await nats.start();
    expect(await count()).toBe(10);
  });
});

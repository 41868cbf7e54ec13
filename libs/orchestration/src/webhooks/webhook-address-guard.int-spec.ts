import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TaskSpecV1 } from '@webbyflow/contracts';
import { ensureStreams, messagingConfigSchema } from '@webbyflow/messaging';
import { createDataSourceOptions, createScratchDatabase, type ScratchDatabase } from '@webbyflow/persistence';
import { startNatsServer, type TestNatsServer, waitFor } from '@webbyflow/testing';
import { orchestrationConfigSchema } from '../orchestration.config';
import { OrchestrationModule } from '../orchestration.module';
import { testBusModule } from '../testing/orchestration.test-bed';
import { TaskService } from '../tasks/task.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

/** The orchestrator with no WEBHOOK_ALLOWED_HOSTS: loopback receivers must never be reached. */
describe('webhook delivery address guard', () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let db: ScratchDatabase;
  let app: INestApplicationContext;
  let orgId: string;
  let hits = 0;
  const receiver = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200).end();
  });

  // A generous timeout: a scratch database and a nats-server start slowly on a loaded 2-core machine.
  beforeAll(async () => {
    [nats, db] = await Promise.all([
      startNatsServer(),
      createScratchDatabase({ label: 'webhook_guard', migrate: true }),
      new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)),
    ]);
    nc = await connect({ servers: nats.url });
    await ensureStreams(await jetstreamManager(nc), messagingConfigSchema.parse({}));
    [{ id: orgId }] = await db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO orgs (name) VALUES ('guard-org') RETURNING id`,
    );
    @Module({
      imports: [
        testBusModule(nc),
        TypeOrmModule.forRoot(createDataSourceOptions(db.config)),
        OrchestrationModule.forRoot(
          orchestrationConfigSchema.parse({
            ORCHESTRATOR_SWEEP_INTERVAL_MS: '100000',
            WEBHOOK_POLL_INTERVAL_MS: '100',
          }),
        ),
      ],
    })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await db?.drop();
    await nats?.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it.each(['localhost', '127.0.0.1', '[::ffff:127.0.0.1]'])(
    'should refuse the delivery to %s at connect time and record why, without retrying',
    async (host) => {
      const port = (receiver.address() as AddressInfo).port;
      const tasks = app.get(TaskService);
      const spec = TaskSpecV1.parse({
        url: 'https://example.com/',
        goal: 'anything',
        webhookUrl: `http://${host}:${port}/hook`,
      });
      const view = await tasks.create(orgId, spec, randomUUID());
      await tasks.cancel(orgId, view.id, 'stop', randomUUID());
      const delivery = await waitFor(
        async () => {
          const [first] = (await app.get(WebhookDeliveriesService).list(orgId, view.id)).deliveries;
          return first?.status === 'failed' && first;
        },
        { what: 'the refused delivery' },
      );
      expect(delivery.attempts).toEqual([
        expect.objectContaining({
          responseStatus: null,
          outcome: 'failed',
          error: expect.stringMatching(/^ADDRESS_REFUSED: .* is a loopback address; .* WEBHOOK_ALLOWED_HOSTS$/),
        }),
      ]);
      expect(hits).toBe(0);
      expect((await tasks.get(orgId, view.id)).status).toBe('canceled');
    },
  );
});

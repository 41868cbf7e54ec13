import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Global, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { COMMANDS_STREAM, type Envelope, TaskSpecV1, type BrowserOptionsV1 } from '@webbyflow/contracts';
import { ensureStreams, MessageBus, messagingConfigSchema } from '@webbyflow/messaging';
import { createDataSourceOptions, createScratchDatabase, type ScratchDatabase } from '@webbyflow/persistence';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { orchestrationConfigSchema } from '../orchestration.config';
import { OrchestrationModule } from '../orchestration.module';
import { TaskService } from './task.service';

const OPEN_SESSION = 'webbyflow.cmd.browser.open_session.v1';

describe(`${TaskService.name} browser options`, () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let db: ScratchDatabase;
  let app: INestApplicationContext;
  let tasks: TaskService;
  let orgId: string;

  beforeAll(async () => {
    [nats, db] = await Promise.all([
      startNatsServer(),
      createScratchDatabase({ label: 'browser-opts', migrate: true }),
    ]);
    nc = await connect({ servers: nats.url });
    jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, messagingConfigSchema.parse({}));
    [{ id: orgId }] = await db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO orgs (name) VALUES ('browser-opts') RETURNING id`,
    );

    @Global()
    @Module({
      providers: [{ provide: MessageBus, useValue: new MessageBus(nc, jetstream(nc), 5000) }],
      exports: [MessageBus],
    })
    class BusModule {}
    @Module({
      imports: [
        BusModule,
        TypeOrmModule.forRoot(createDataSourceOptions(db.config)),
        OrchestrationModule.forRoot(orchestrationConfigSchema.parse({ ORCHESTRATOR_SWEEP_INTERVAL_MS: '100000' })),
      ],
    })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    tasks = app.get(TaskService);
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await db?.drop();
    await nats?.stop();
  });

  async function create(browser?: BrowserOptionsV1) {
    const spec = TaskSpecV1.parse({ url: 'http://127.0.0.1:9/', goal: 'look', ...(browser ? { browser } : {}) });
    const view = await tasks.create(orgId, spec, randomUUID());
    const [row] = await db.dataSource.query<Array<{ browser_options: unknown }>>(
      'SELECT browser_options FROM tasks WHERE id = $1',
      [view.id],
    );
    const command = (await jsm.streams.getMessage(COMMANDS_STREAM, { last_by_subj: OPEN_SESSION }))?.json<
      Envelope<Record<string, unknown>>
    >();
    expect(command?.correlationId).toBe(view.id);
    return { stored: row.browser_options, sent: command!.payload };
  }

  it('should store the task’s browser options and send them with open_session when the spec has them', async () => {
    const browser: BrowserOptionsV1 = {
      viewport: { width: 900, height: 700 },
      timezoneId: 'Europe/Berlin',
      proxy: { server: 'http://proxy.internal:3128', username: 'u', password: 'p' },
      cookies: [{ name: 'sid', value: 's', url: 'https://shop.example/' }],
      saveProfile: true,
      blockHosts: ['ads.example.com'],
    };

    const { stored, sent } = await create(browser);

    expect(stored).toEqual(browser);
    expect(sent).toEqual({ taskId: expect.any(String), url: 'http://127.0.0.1:9/', browser });
  });

  it('should store empty options and send open_session without browser when the spec has none', async () => {
    const { stored, sent } = await create();

    expect(stored).toEqual({});
    expect(sent).not.toHaveProperty('browser');
  });
});

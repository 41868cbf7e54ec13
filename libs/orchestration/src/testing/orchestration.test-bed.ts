import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Global, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  ensureStreams,
  KvBuckets,
  MESSAGING_OPTIONS,
  MessageBus,
  messagingConfigSchema,
  NATS_CONNECTION,
} from '@webbyflow/messaging';
import { createDataSourceOptions, createScratchDatabase, type ScratchDatabase } from '@webbyflow/persistence';
import { startNatsServer, type TestNatsServer, waitFor } from '@webbyflow/testing';
import { orchestrationConfigSchema } from '../orchestration.config';
import { OrchestrationModule } from '../orchestration.module';

/**
 * The real OrchestrationModule for integration specs: a private nats-server with the streams, a migrated
 * scratch database holding one org, and Nest application contexts booted on them (several, to play replicas or
 * a restart). The periodic sweeper is slowed down and the completion check is off unless `env` says otherwise,
 * so tests drive time themselves and a scripted `complete` completes.
 */
export class OrchestrationTestBed {
  private readonly apps: INestApplicationContext[] = [];

  private constructor(
    readonly nats: TestNatsServer,
    readonly nc: NatsConnection,
    readonly jsm: JetStreamManager,
    readonly db: ScratchDatabase,
    readonly orgId: string,
  ) {}

  static async start(label: string): Promise<OrchestrationTestBed> {
    const [nats, db] = await Promise.all([startNatsServer(), createScratchDatabase({ label, migrate: true })]);
    const nc = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, messagingConfigSchema.parse({}));
    const [org] = await db.dataSource.query<Array<{ id: string }>>(`INSERT INTO orgs (name) VALUES ($1) RETURNING id`, [
      `${label}-org`,
    ]);
    return new OrchestrationTestBed(nats, nc, jsm, db, org.id);
  }

  /** Boots an orchestration context; `env` is orchestration configuration (ORCHESTRATOR_*, WEBHOOK_*, RECOVERY_*). */
  async boot(env: Record<string, string> = {}): Promise<INestApplicationContext> {
    @Module({
      imports: [
        testBusModule(this.nc),
        TypeOrmModule.forRoot(createDataSourceOptions(this.db.config)),
        OrchestrationModule.forRoot(
          orchestrationConfigSchema.parse({
            ORCHESTRATOR_SWEEP_INTERVAL_MS: '100000',
            ORCHESTRATOR_COMPLETION_CHECK: 'false',
            ...env,
          }),
        ),
      ],
    })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    this.apps.push(app);
    return app;
  }

  /** Waits until the booted contexts' outbox relays have published every committed message. */
  async relayed(): Promise<void> {
    const unsent = async () =>
      (
        await this.db.dataSource.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`,
        )
      )[0].n;
    await waitFor(async () => (await unsent()) === 0, { timeoutMs: 5_000, what: 'the outbox relayed' });
  }

  async stop(): Promise<void> {
    for (const app of this.apps.splice(0)) await app.close().catch(() => undefined);
    await this.nc.close();
    await this.db.drop();
    await this.nats.stop();
  }
}

/**
 * What MessagingModule gives the orchestrator, on a test's own connection: the bus, the connection and the
 * key-value buckets (session heartbeats). Every spec that boots OrchestrationModule by hand imports it.
 */
export function testBusModule(nc: NatsConnection): new () => object {
  const options = { service: 'orchestrator' as const, instanceId: 'test', config: messagingConfigSchema.parse({}) };
  @Global()
  @Module({
    providers: [
      { provide: MessageBus, useValue: new MessageBus(nc, jetstream(nc), 5000) },
      { provide: NATS_CONNECTION, useValue: nc },
      { provide: MESSAGING_OPTIONS, useValue: options },
      KvBuckets,
    ],
    exports: [MessageBus, NATS_CONNECTION, MESSAGING_OPTIONS, KvBuckets],
  })
  class TestBusModule {}
  return TestBusModule;
}

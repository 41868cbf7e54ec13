import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CoalescingRunner, toErrorInfo } from '@webbyflow/common';
import { MessageBus } from '@webbyflow/messaging';
import type { PostgresDataSourceOptions } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { OutboxListener } from './outbox.listener';
import { deleteSent, markFailed, markSent, publishInOrder, readUnsent } from './outbox.store';

/** One relay at a time publishes (held for a batch), so a run's messages keep their order across replicas. */
const RELAY_LOCK = "hashtext('webbyflow:outbox-relay')";
/** When another replica holds the lock, look again this soon (it also hears every notification). */
const BUSY_RETRY_MS = 250;
const CLEANUP_INTERVAL_MS = 60_000;

/**
 * Publishes committed outbox rows to JetStream in order and marks them sent. Woken by Postgres
 * notifications on commit (every replica listens) and by a polling fallback; while NATS refuses, it
 * backs off exponentially and the rows wait. A crash between publish and mark publishes again on the
 * next pass under the same `Nats-Msg-Id`, which JetStream drops within its duplicate window.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: OutboxListener;
  private timers: NodeJS.Timeout[] = [];
  private readonly runner: CoalescingRunner;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {
    this.runner = new CoalescingRunner(
      () => this.drain(),
      (error, retryInMs) =>
        this.logger.warn(`outbox relay: ${toErrorInfo(error).message}; retrying in ${retryInMs} ms`),
      { baseMs: 100, maxMs: config.OUTBOX_MAX_BACKOFF_MS },
    );
  }

  onApplicationBootstrap(): void {
    const { url } = this.dataSource.options as PostgresDataSourceOptions;
    if (url) {
      this.listener = new OutboxListener(url, () => this.kick());
      this.listener.start();
    } else this.logger.warn('no DATABASE_URL to listen on: the outbox is relayed by polling only');
    this.timers = [
      setInterval(() => this.kick(), this.config.OUTBOX_POLL_INTERVAL_MS),
      setInterval(() => void this.cleanup(), CLEANUP_INTERVAL_MS),
    ];
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    await this.listener?.stop();
    await this.runner.stop();
  }

  /** Relays now (rows were committed); while backing off from a NATS failure, at the end of the backoff. */
  kick(): void {
    this.runner.kick();
  }

  /** Relays batches until none is left, a publish fails, or another replica is relaying. */
  async drain(): Promise<void> {
    for (;;) {
      const pass = await this.relayBatch();
      if (pass === 'busy') return this.runner.kickIn(BUSY_RETRY_MS);
      if (pass.failed > 0) throw new Error(`${pass.failed} message(s) not published: ${pass.error}`);
      if (pass.read < this.config.OUTBOX_BATCH_SIZE || this.stopped) return;
    }
  }

  /** Deletes sent rows past their retention; returns how many went. */
  async cleanup(): Promise<number> {
    try {
      return await deleteSent(this.dataSource.manager, this.config.OUTBOX_RETENTION_HOURS);
    } catch (error) {
      this.logger.warn(`outbox cleanup failed: ${toErrorInfo(error).message}`);
      return 0;
    }
  }

  private relayBatch() {
    return this.dataSource.transaction(async (em) => {
      const [{ leader }] = await em.query<Array<{ leader: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS leader`,
      );
      if (!leader) return 'busy' as const;
      const rows = await readUnsent(em, this.config.OUTBOX_BATCH_SIZE);
      const outcome = await publishInOrder(this.bus, rows);
      await markSent(em, outcome.sent);
      for (const { id, error } of outcome.failed) await markFailed(em, id, toErrorInfo(error).message);
      const error = outcome.failed[0] ? toErrorInfo(outcome.failed[0].error).message : '';
      return { read: rows.length, failed: outcome.failed.length, error };
    });
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CoalescingRunner, toErrorInfo } from '@webbyflow/common';
import { WebhookDeliveryEntity } from '@webbyflow/persistence';
import { DataSource, In } from 'typeorm';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { WebhookDeliverer } from './webhook-deliverer';

/** Deliveries one poll claims at a time; they are attempted concurrently. */
const CLAIM_BATCH = 10;
/** Extra lease beyond the attempt's deadline before another replica may take a claimed delivery over. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Attempts due webhook deliveries. Replicas share the work: a claim takes due rows with FOR UPDATE
 * SKIP LOCKED and leases them (next_attempt_at moves past the attempt's deadline), so a replica that
 * dies mid-attempt leaves the delivery to be retried by another once the lease ends.
 */
@Injectable()
export class WebhookDeliveryPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryPoller.name);
  private timer?: NodeJS.Timeout;
  private readonly runner = new CoalescingRunner(
    () => this.drain(),
    (error) => this.logger.error(`webhook poll failed: ${toErrorInfo(error).message}`),
  );
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliverer: WebhookDeliverer,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.WEBHOOK_POLL_INTERVAL_MS);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.runner.stop();
  }

  /** Looks for due deliveries now (e.g. right after a run ended) instead of at the next tick. */
  kick(): void {
    this.runner.kick();
  }

  /** Attempts due deliveries until none is left. */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claim(CLAIM_BATCH);
      await Promise.all(
        claimed.map((delivery) =>
          this.deliverer
            .attempt(delivery)
            .catch((error: unknown) =>
              this.logger.error(`webhook delivery ${delivery.id} not recorded: ${toErrorInfo(error).message}`),
            ),
        ),
      );
      if (claimed.length < CLAIM_BATCH || this.stopped) return;
    }
  }

  private async claim(limit: number): Promise<WebhookDeliveryEntity[]> {
    const leaseMs = this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS;
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({ nextAttemptAt: () => `now() + (:leaseMs * interval '1 millisecond')` })
      .where(
        `id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)`,
      )
      .setParameters({ leaseMs, limit })
      .returning(['id'])
      .execute();
    const rows = claimed.raw as Array<{ id: string }>;
    if (rows.length === 0) return [];
    return this.dataSource.getRepository(WebhookDeliveryEntity).findBy({ id: In(rows.map((r) => r.id)) });
  }
}

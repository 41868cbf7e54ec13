import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BrowserSessionManager } from '@webbyflow/browser';
import { toErrorInfo } from '@webbyflow/common';
import { BROWSER_HEARTBEATS_BUCKET } from '@webbyflow/contracts';
import { KvBuckets } from '@webbyflow/messaging';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import { SessionOwners } from './session-owners';

/**
 * Writes this instance's heartbeat (the runs whose sessions it holds) to the heartbeat bucket every
 * BROWSER_HEARTBEAT_INTERVAL_MS. The orchestrator recovers the runs of an instance whose entry stops changing.
 */
@Injectable()
export class SessionHeartbeat implements OnApplicationBootstrap {
  private readonly logger = new Logger(SessionHeartbeat.name);
  private readonly startedAt = new Date().toISOString();
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;
  private failing = false;

  constructor(
    private readonly buckets: KvBuckets,
    private readonly sessions: BrowserSessionManager,
    private readonly owners: SessionOwners,
    @Inject(BROWSER_SVC_CONFIG) private readonly config: BrowserSvcConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beating ??= this.beat().finally(() => (this.beating = undefined));
    }, this.config.BROWSER_HEARTBEAT_INTERVAL_MS);
  }

  /**
   * Stops beating and removes the entry, so the runs are recovered without waiting for the timeout. Called on a
   * graceful stop by SessionShutdownReporter, after it reported the sessions lost with the reason.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.beating;
    try {
      const bucket = await this.buckets.open(BROWSER_HEARTBEATS_BUCKET);
      await bucket.delete(this.config.INSTANCE_ID);
    } catch (error) {
      this.logger.warn(`heartbeat entry not removed: ${toErrorInfo(error).message}`);
    }
  }

  /** Never rejects: a missed beat is logged once per outage (NATS away), the next one tries again. */
  private async beat(): Promise<void> {
    try {
      const bucket = await this.buckets.open(BROWSER_HEARTBEATS_BUCKET);
      await bucket.put(this.config.INSTANCE_ID, {
        instanceId: this.config.INSTANCE_ID,
        startedAt: this.startedAt,
        beatAt: new Date().toISOString(),
        taskIds: this.owners
          .entries()
          .map(([taskId]) => taskId)
          .filter((taskId) => this.sessions.has(taskId)),
      });
      if (this.failing) this.logger.log('heartbeats are written again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`heartbeat not written: ${toErrorInfo(error).message}`);
      this.failing = true;
    }
  }
}

import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { BrowserSessionManager } from '@webbyflow/browser';
import { SessionHeartbeat } from './session-heartbeat';
import { SessionLostPublisher } from './session-lost.publisher';
import { SessionOwners } from './session-owners';

/**
 * On a graceful stop (deploy, scale-in) the sessions this instance holds die with it: say so for each
 * run at once, so the orchestrator ends them with the reason instead of waiting for their deadline. Only
 * then is the heartbeat entry removed: removed first, the orchestrator's liveness watch could see the
 * instance gone and recover the runs as "no heartbeat" before the reports with the reason arrive.
 */
@Injectable()
export class SessionShutdownReporter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionShutdownReporter.name);

  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly owners: SessionOwners,
    private readonly lost: SessionLostPublisher,
    private readonly heartbeat: SessionHeartbeat,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const live = this.owners.entries().filter(([taskId]) => this.sessions.has(taskId));
    const reason = 'the instance shut down while holding it';
    await Promise.all(live.map(([taskId, owner]) => this.lost.publish(taskId, owner, reason)));
    if (live.length > 0) this.logger.warn(`reported ${live.length} session(s) lost by shutdown`);
    await this.heartbeat.stop();
  }
}

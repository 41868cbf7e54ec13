import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { BrowserExceptionCode, BrowserSessionManager } from '@webbyflow/browser';
import { toErrorInfo } from '@webbyflow/common';
import { MessageBus } from '@webbyflow/messaging';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import { SessionOwners } from './session-owners';

/**
 * On a graceful stop (deploy, scale-in) the sessions this instance holds die with it: say so for each
 * run at once, so the orchestrator ends them with the reason instead of waiting for their deadline.
 */
@Injectable()
export class SessionShutdownReporter implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionShutdownReporter.name);

  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly owners: SessionOwners,
    private readonly bus: MessageBus,
    @Inject(BROWSER_SVC_CONFIG) private readonly config: BrowserSvcConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const live = this.owners.entries().filter(([taskId]) => this.sessions.has(taskId));
    await Promise.all(
      live.map(([taskId, owner]) =>
        this.bus
          .publish(
            'webbyflow.evt.browser.failed.v1',
            {
              taskId,
              stepIndex: null,
              operation: 'webbyflow.cmd.browser.open_session.v1',
              error: {
                name: 'BrowserException',
                code: BrowserExceptionCode.SESSION_LOST,
                message: `browser-svc instance ${this.config.INSTANCE_ID} shut down while holding the session`,
                terminal: true,
              },
            },
            {
              id: `${taskId}:session_lost:${this.config.INSTANCE_ID}`,
              correlationId: taskId,
              causationId: owner.cause,
              orgId: owner.orgId,
            },
          )
          .catch((error: unknown) =>
            this.logger.error(`could not report lost session of ${taskId}: ${toErrorInfo(error).message}`),
          ),
      ),
    );
    if (live.length > 0) this.logger.warn(`reported ${live.length} session(s) lost by shutdown`);
  }
}

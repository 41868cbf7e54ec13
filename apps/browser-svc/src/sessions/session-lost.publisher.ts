import { Inject, Injectable, Logger } from '@nestjs/common';
import { BrowserExceptionCode } from '@webbyflow/browser';
import { toErrorInfo } from '@webbyflow/common';
import { MessageBus } from '@webbyflow/messaging';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import type { SessionOwner } from './session-owners';

/**
 * Tells the orchestrator that a run's session is gone (`browser.failed` with SESSION_LOST, terminal), so it
 * ends the run with the reason instead of waiting for its deadline. One id per task and instance: a crash
 * during a shutdown, or a redelivery, reports it once.
 */
@Injectable()
export class SessionLostPublisher {
  private readonly logger = new Logger(SessionLostPublisher.name);

  constructor(
    private readonly bus: MessageBus,
    @Inject(BROWSER_SVC_CONFIG) private readonly config: BrowserSvcConfig,
  ) {}

  /** Never rejects: a report that cannot be sent is logged, and the run still ends at its deadline. */
  async publish(taskId: string, owner: SessionOwner, reason: string): Promise<void> {
    await this.bus
      .publish(
        'webbyflow.evt.browser.failed.v1',
        {
          taskId,
          stepIndex: null,
          operation: 'webbyflow.cmd.browser.open_session.v1',
          error: {
            name: 'BrowserException',
            code: BrowserExceptionCode.SESSION_LOST,
            message: `browser-svc instance ${this.config.INSTANCE_ID} lost the session: ${reason}`,
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
        this.logger.error(`could not report the lost session of ${taskId}: ${toErrorInfo(error).message}`),
      );
  }
}

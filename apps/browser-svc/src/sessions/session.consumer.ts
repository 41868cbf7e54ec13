import { Inject, Injectable, Logger } from '@nestjs/common';
import { BrowserSessionManager } from '@webbyflow/browser';
import type { Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import { SessionOwners } from './session-owners';

type OpenSession = Envelope<PayloadOf<'webbyflow.cmd.browser.open_session.v1'>>;
type CloseSession = Envelope<PayloadOf<'webbyflow.cmd.browser.close_session.v1'>>;

/** Opens and closes the browser session (one isolated context) of a run. */
@Injectable()
export class SessionConsumer {
  private readonly logger = new Logger(SessionConsumer.name);

  constructor(
    private readonly sessions: BrowserSessionManager,
    private readonly bus: MessageBus,
    private readonly owners: SessionOwners,
    @Inject(BROWSER_SVC_CONFIG) private readonly config: BrowserSvcConfig,
  ) {}

  /** A redelivered open for a live session answers with that session again. */
  @OnMessage('webbyflow.cmd.browser.open_session.v1')
  async open(message: OpenSession): Promise<void> {
    const { taskId, url } = message.payload;
    const session = await this.sessions.open(taskId, url);
    this.owners.add(taskId, message.orgId, message.id);
    await this.bus.publish(
      'webbyflow.evt.browser.session_opened.v1',
      { taskId, browserInstanceId: this.config.INSTANCE_ID, url: session.page.url() },
      causedBy(message, `${taskId}:session_opened`),
    );
  }

  /** Aborts an action in flight; closing a session this instance does not hold still reports it closed. */
  @OnMessage('webbyflow.cmd.browser.close_session.v1')
  async close(message: CloseSession): Promise<void> {
    const { taskId, reason } = message.payload;
    const closed = await this.sessions.close(taskId, reason);
    this.owners.remove(taskId);
    if (!closed) this.logger.debug(`close_session for task ${taskId}: no session held here`);
    await this.bus.publish(
      'webbyflow.evt.browser.session_closed.v1',
      { taskId, reason },
      causedBy(message, `${taskId}:session_closed`),
    );
  }
}

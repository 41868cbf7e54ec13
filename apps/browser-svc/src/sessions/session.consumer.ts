import { Inject, Injectable, Logger } from '@nestjs/common';
import { BrowserSessionManager, describeBrowserOptions } from '@webbyflow/browser';
import { toErrorInfo } from '@webbyflow/common';
import type { ArtifactRefV1, Envelope, PayloadOf } from '@webbyflow/contracts';
import { causedBy, MessageBus, OnMessage } from '@webbyflow/messaging';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import { BrowserProfiles } from '../profiles/browser-profiles.service';
import { RESULT_PUBLISH_RETRY_MS, SessionCommands } from './session-commands';
import { SessionOwners } from './session-owners';
import { SessionStates } from './session-states';
import { PageCaptureService } from '../pages/page-capture.service';

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
    private readonly commands: SessionCommands,
    private readonly profiles: BrowserProfiles,
    private readonly states: SessionStates,
    private readonly pages: PageCaptureService,
    @Inject(BROWSER_SVC_CONFIG) private readonly config: BrowserSvcConfig,
  ) {}

  /**
   * A redelivered open for a live session answers with that session again. Options the browser cannot
   * use fail terminally with INVALID_BROWSER_OPTIONS naming the field. A replacement session (`reopen`)
   * restores the lost one's last saved URL, cookies and local storage when there are any.
   */
  @OnMessage('webbyflow.cmd.browser.open_session.v1')
  async open(message: OpenSession): Promise<void> {
    const { taskId, browser } = message.payload;
    const saved = message.payload.reopen ? await this.states.load(taskId) : undefined;
    const url = saved && /^https?:/.test(saved.url) ? saved.url : message.payload.url;
    const session = await this.sessions.open(taskId, url, {
      browser,
      loadProfile: this.profiles.loaderFor(message.orgId),
      restoreState: saved?.storageState,
    });
    // The run's first step scrapes this page: start it while session_opened travels.
    this.pages.readAhead(taskId);
    if (saved) {
      const { cookies, origins } = saved.storageState;
      this.logger.log(
        `task ${taskId} reopened at its last URL with ${cookies.length} cookie(s) and ${origins.length} origin(s) of local storage`,
      );
    }
    this.owners.add(taskId, message.orgId, message.id);
    if (browser) this.logger.log(`task ${taskId} opened with ${describeBrowserOptions(browser)}`);
    await this.bus.publish(
      'webbyflow.evt.browser.session_opened.v1',
      { taskId, browserInstanceId: this.config.INSTANCE_ID, url: session.page.url() },
      // A replacement session (recovery) is a new fact; a redelivered open of the same session is not.
      causedBy(message, `${taskId}:${message.payload.reopen ? `${message.payload.reopen}:` : ''}session_opened`),
      { retryForMs: RESULT_PUBLISH_RETRY_MS },
    );
  }

  /**
   * Saves the profile first when the task asked for it, then closes (aborting an action in flight).
   * Closing a session this instance does not hold still reports it closed.
   */
  @OnMessage('webbyflow.cmd.browser.close_session.v1')
  async close(message: CloseSession): Promise<void> {
    const { taskId, reason } = message.payload;
    const profile = await this.saveProfile(message.orgId, taskId);
    const blocked = this.sessions.blockedRequests(taskId);
    const closed = await this.sessions.close(taskId, reason);
    this.owners.remove(taskId);
    this.commands.forget(taskId);
    await this.states.forget(taskId);
    if (!closed) this.logger.debug(`close_session for task ${taskId}: no session held here`);
    if (blocked > 0) this.logger.log(`task ${taskId} closed; its options blocked ${blocked} request(s)`);
    await this.bus.publish(
      'webbyflow.evt.browser.session_closed.v1',
      { taskId, reason, ...(profile ? { profile } : {}) },
      causedBy(message, `${taskId}:session_closed`),
      { retryForMs: RESULT_PUBLISH_RETRY_MS },
    );
  }

  /**
   * A profile that cannot be read or stored is logged and left out: the session must close either way, or
   * its context would outlive the run.
   */
  private async saveProfile(orgId: string, taskId: string): Promise<ArtifactRefV1 | undefined> {
    try {
      const state = await this.sessions.profileToSave(taskId);
      if (!state) return undefined;
      const ref = await this.profiles.save({ orgId, taskId }, state);
      this.logger.log(
        `task ${taskId} saved its browser profile as ${ref.artifactId} ` +
          `(${state.cookies.length} cookie(s), ${state.origins.length} origin(s) with local storage)`,
      );
      return ref;
    } catch (error) {
      this.logger.warn(`task ${taskId}: browser profile not saved: ${toErrorInfo(error).message}`);
      return undefined;
    }
  }
}

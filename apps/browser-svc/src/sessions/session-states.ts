import { Inject, Injectable, Logger } from '@nestjs/common';
import { BrowserSessionManager, BrowserStorageState } from '@webbyflow/browser';
import { toErrorInfo } from '@webbyflow/common';
import { BROWSER_STATE_BUCKET } from '@webbyflow/contracts';
import { KvBuckets } from '@webbyflow/messaging';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';

/** What a replacement session opens with: the lost session's last URL and storage. */
export interface SavedSessionState {
  url: string;
  storageState: BrowserStorageState;
}

/**
 * The last URL, cookies and local storage of each run's session, kept in the browser-state bucket (key: task
 * id) after every action, so that any instance opening a replacement session continues where the lost one was.
 * Snapshots are best effort: one that cannot be taken or stored is logged and the action's result stands.
 */
@Injectable()
export class SessionStates {
  private readonly logger = new Logger(SessionStates.name);

  constructor(
    private readonly buckets: KvBuckets,
    private readonly sessions: BrowserSessionManager,
    @Inject(BROWSER_SVC_CONFIG) private readonly config: BrowserSvcConfig,
  ) {}

  async save(taskId: string, signal?: AbortSignal): Promise<void> {
    if (!this.config.BROWSER_STATE_SNAPSHOTS) return;
    try {
      const { url, storageState } = await this.sessions.stateSnapshot(taskId, signal);
      const bucket = await this.buckets.open(BROWSER_STATE_BUCKET);
      await bucket.put(taskId, { taskId, url, takenAt: new Date().toISOString(), storageState });
    } catch (error) {
      this.logger.warn(`task ${taskId}: session state not saved: ${toErrorInfo(error).message}`);
    }
  }

  /** The run's last saved state; undefined when there is none or it cannot be read (the session opens bare). */
  async load(taskId: string): Promise<SavedSessionState | undefined> {
    try {
      const entry = await (await this.buckets.open(BROWSER_STATE_BUCKET)).get(taskId);
      if (!entry) return undefined;
      const storageState = BrowserStorageState.parse(entry.value.storageState);
      return { url: entry.value.url, storageState };
    } catch (error) {
      this.logger.warn(`task ${taskId}: saved session state not read: ${toErrorInfo(error).message}`);
      return undefined;
    }
  }

  async forget(taskId: string): Promise<void> {
    try {
      await (await this.buckets.open(BROWSER_STATE_BUCKET)).delete(taskId);
    } catch (error) {
      this.logger.warn(`task ${taskId}: saved session state not deleted: ${toErrorInfo(error).message}`);
    }
  }
}

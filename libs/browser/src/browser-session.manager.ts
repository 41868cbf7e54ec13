import { withDeadline } from '@webbyflow/common';
import type { BrowserContext } from 'playwright-core';
import { isTargetClosedError } from './action-error.mapper';
import { BrowserException, BrowserExceptionCode } from './browser.exception';
import type { BrowserConfig } from './browser.config';
import { BrowserSession } from './browser-session';
import type { ChromiumLauncher, LaunchedBrowser } from './chromium/chromium.launcher';
import { navigatePage, parseNavigableUrl } from './page-navigation';

export type BrowserSessionManagerConfig = Pick<
  BrowserConfig,
  'maxContexts' | 'recycleAfterContexts' | 'navigationTimeoutMs' | 'actionTimeoutMs' | 'launchTimeoutMs' | 'viewport'
>;

/**
 * One isolated BrowserContext + Page per task id, with a cap on live contexts. When Chromium goes away,
 * every session in it is marked lost (later commands get SESSION_LOST) and the next `open` relaunches.
 */
export class BrowserSessionManager {
  private readonly sessions = new Map<string, BrowserSession>();
  private readonly opening = new Map<string, Promise<BrowserSession>>();
  private readonly contextsByGeneration = new Map<number, number>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly launcher: ChromiumLauncher,
    private readonly config: BrowserSessionManagerConfig,
  ) {
    this.unsubscribe = launcher.onDisconnected((generation) => this.onBrowserGone(generation));
  }

  /** Sessions holding a context, plus those being opened. */
  get liveCount(): number {
    let live = this.opening.size;
    for (const session of this.sessions.values()) if (session.isUsable) live++;
    return live;
  }

  /**
   * Opens the task's session on `url`. A redelivered open for a live session returns it unchanged;
   * a lost one is replaced.
   */
  async open(taskId: string, url: string, signal?: AbortSignal): Promise<BrowserSession> {
    parseNavigableUrl(url);
    const existing = this.sessions.get(taskId);
    if (existing?.isUsable) return existing;
    const pending = this.opening.get(taskId);
    if (pending) return pending;
    if (existing) {
      this.sessions.delete(taskId);
      void existing.close('replaced after it was lost'); // never rejects; not awaited so no second open slips in
    }
    if (this.liveCount >= this.config.maxContexts) {
      throw new BrowserException(
        BrowserExceptionCode.SESSION_LIMIT_REACHED,
        `All ${this.config.maxContexts} browser contexts are in use; task ${taskId} has to wait`,
      );
    }
    const opened = this.create(taskId, url, signal).finally(() => this.opening.delete(taskId));
    this.opening.set(taskId, opened);
    return opened;
  }

  /** The task's open session; SESSION_NOT_FOUND if there is none, SESSION_LOST if its browser died. */
  get(taskId: string): BrowserSession {
    const session = this.sessions.get(taskId);
    if (!session)
      throw new BrowserException(BrowserExceptionCode.SESSION_NOT_FOUND, `No browser session for task ${taskId}`);
    session.assertUsable();
    return session;
  }

  has(taskId: string): boolean {
    return this.sessions.has(taskId) || this.opening.has(taskId);
  }

  /** Closes the task's session, aborting any action in flight. Returns false if there was none. */
  async close(taskId: string, reason = 'closed'): Promise<boolean> {
    const pending = this.opening.get(taskId);
    if (pending) await pending.catch(() => undefined);
    const session = this.sessions.get(taskId);
    if (!session) return false;
    this.sessions.delete(taskId);
    await session.close(reason);
    return true;
  }

  /** Closes every session (at shutdown, before the owner closes the launcher). */
  async closeAll(reason = 'shutting down'): Promise<void> {
    await Promise.allSettled([...this.opening.values()]);
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(sessions.map((session) => session.close(reason)));
  }

  /** Stops listening to the launcher; for a manager discarded while its launcher lives on. */
  dispose(): void {
    this.unsubscribe();
  }

  private async create(taskId: string, url: string, signal?: AbortSignal): Promise<BrowserSession> {
    const { browser, generation } = await this.acquireBrowser(signal);
    this.contextsByGeneration.set(generation, (this.contextsByGeneration.get(generation) ?? 0) + 1);
    let context: BrowserContext | undefined;
    try {
      context = await browser.newContext({
        viewport: this.config.viewport,
        serviceWorkers: 'block',
        acceptDownloads: false,
      });
      context.setDefaultTimeout(this.config.actionTimeoutMs);
      context.setDefaultNavigationTimeout(this.config.navigationTimeoutMs);
      const session = new BrowserSession(taskId, generation, context, await context.newPage());
      const timeout = this.config.navigationTimeoutMs;
      await withDeadline(
        `open ${url}`,
        timeout + 1_000,
        (s) => navigatePage(session.page, url, { timeout, signal: s }),
        signal,
      );
      this.sessions.set(taskId, session);
      if (!browser.isConnected()) session.markLost('Chromium disconnected while the session was opening');
      return session;
    } catch (error) {
      await context?.close().catch(() => undefined);
      if (signal?.aborted)
        throw new BrowserException(BrowserExceptionCode.ABORTED, `Opening ${url} was aborted`, {
          cause: signal.reason,
        });
      if (isTargetClosedError(error) || !browser.isConnected()) {
        throw new BrowserException(
          BrowserExceptionCode.LAUNCH_FAILED,
          'Chromium went away while the session was opening',
          { cause: error },
        );
      }
      throw error;
    }
  }

  private async acquireBrowser(signal?: AbortSignal): Promise<LaunchedBrowser> {
    await this.recycleIfDue();
    try {
      return await withDeadline(
        'launch Chromium',
        this.config.launchTimeoutMs + 1_000,
        (s) => this.launcher.acquire(s),
        signal,
      );
    } catch (error) {
      if (signal?.aborted)
        throw new BrowserException(BrowserExceptionCode.ABORTED, 'Launching Chromium was aborted', {
          cause: signal.reason,
        });
      const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
      throw new BrowserException(BrowserExceptionCode.LAUNCH_FAILED, `Could not launch Chromium: ${reason}`, {
        cause: error,
      });
    }
  }

  /** Restarts a long-lived Chromium once nothing else runs in it (ARCHITECTURE.md §5). */
  private async recycleIfDue(): Promise<void> {
    const running = this.launcher.running;
    const limit = this.config.recycleAfterContexts;
    if (!running || limit === 0 || (this.contextsByGeneration.get(running.generation) ?? 0) < limit) return;
    const busy = [...this.sessions.values()].some((s) => s.isUsable && s.generation === running.generation);
    // `opening` does not hold the caller yet: create() runs before open() registers it.
    if (!busy && this.opening.size === 0) await this.launcher.close();
  }

  private onBrowserGone(generation: number): void {
    this.contextsByGeneration.delete(generation);
    for (const session of this.sessions.values()) {
      if (session.generation === generation) session.markLost('Chromium disconnected (crashed or was killed)');
    }
  }
}

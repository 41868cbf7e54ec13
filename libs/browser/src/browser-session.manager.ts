import { withDeadline } from '@webbyflow/common';
import type { BrowserOptionsV1 } from '@webbyflow/contracts';
import type { Browser, BrowserContext } from 'playwright-core';
import { isTargetClosedError } from './action-error.mapper';
import { BrowserException, BrowserExceptionCode } from './browser.exception';
import type { BrowserConfig } from './browser.config';
import { BrowserSession } from './browser-session';
import { BrowserStorageState, type BrowserProfileLoader } from './chromium/browser-profile';
import {
  invalidBrowserOption,
  parseBrowserOptions,
  redact,
  refusedBrowserOption,
} from './chromium/browser-options.validator';
import type { ChromiumLauncher, LaunchedBrowser } from './chromium/chromium.launcher';
import { contextOptionsFor, playwrightCookies } from './chromium/context-options';
import { RequestBlocker } from './chromium/request-blocker';
import { DEFAULT_BROWSER_OPTIONS, SpareContext } from './chromium/spare-context';
import { StateSnapshots } from './chromium/state-snapshots';
import { warmActionWorld } from './actions/warm-action-world';
import { navigatePage, parseNavigableUrl } from './page-navigation';
import { addScrapeHooks } from './scraper/scrape-hooks';

/** What `open` may be given besides the task id and its start URL. */
export interface OpenSessionOptions {
  /** The task's browser options (BrowserOptionsV1); checked again here. */
  browser?: BrowserOptionsV1;
  /** Needed when `browser.profileArtifactId` is set. */
  loadProfile?: BrowserProfileLoader;
  /** Cookies and local storage of a lost session of the run, restored instead of the saved profile. */
  restoreState?: BrowserStorageState;
  signal?: AbortSignal;
}

/** Called with each session (not closed by its task) held by a Chromium that crashed or was killed. */
export type SessionLostListener = (taskId: string, reason: string) => void;

const PROFILE_TIMEOUT_MS = 10_000;

export type BrowserSessionManagerConfig = Pick<
  BrowserConfig,
  | 'maxContexts'
  | 'recycleAfterContexts'
  | 'navigationTimeoutMs'
  | 'actionTimeoutMs'
  | 'launchTimeoutMs'
  | 'viewport'
  | 'spareContext'
  | 'readAhead'
>;

/**
 * One isolated BrowserContext + Page per task id, with a cap on live contexts. When Chromium goes away,
 * every session in it is marked lost (later commands get SESSION_LOST) and the next `open` relaunches.
 */
export class BrowserSessionManager {
  private readonly sessions = new Map<string, BrowserSession>();
  private readonly opening = new Map<string, Promise<BrowserSession>>();
  private readonly contextsByGeneration = new Map<number, number>();
  /** Per-task browser options and request blocker, kept beside the session for close and the logs. */
  private readonly settings = new Map<string, { options: BrowserOptionsV1; blocker?: RequestBlocker }>();
  private readonly lostListeners = new Set<SessionLostListener>();
  private readonly states = new StateSnapshots();
  private readonly unsubscribe: () => void;
  /** The context opened ahead for the next session with default context settings (`spareContext`). */
  private readonly spare: SpareContext;
  private closed = false;

  constructor(
    private readonly launcher: ChromiumLauncher,
    private readonly config: BrowserSessionManagerConfig,
  ) {
    this.unsubscribe = launcher.onDisconnected((generation) => this.onBrowserGone(generation));
    this.spare = new SpareContext(config);
  }

  /** Sessions holding a context, plus those being opened. */
  get liveCount(): number {
    let live = this.opening.size;
    for (const session of this.sessions.values()) if (session.isUsable) live++;
    return live;
  }

  /**
   * Opens the task's session on `url` with the task's browser options. A redelivered open for a live
   * session returns it unchanged; a lost one is replaced. Unusable options fail with INVALID_BROWSER_OPTIONS.
   */
  async open(taskId: string, url: string, request: OpenSessionOptions = {}): Promise<BrowserSession> {
    parseNavigableUrl(url);
    const options = parseBrowserOptions(request.browser);
    if (options.profileArtifactId && !request.loadProfile)
      throw invalidBrowserOption('profileArtifactId', 'cannot be used: this browser service has no profile store');
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
    const opened = this.create(taskId, url, options, request).finally(() => this.opening.delete(taskId));
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

  /** The task's open session, if this process holds a usable one. */
  find(taskId: string): BrowserSession | undefined {
    const session = this.sessions.get(taskId);
    return session?.isUsable ? session : undefined;
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
    this.settings.delete(taskId);
    await session.close(reason);
    this.openSpare();
    return true;
  }

  /**
   * The cookies and local storage to keep when the task asked for `saveProfile`, read before it closes;
   * undefined when it did not ask. Throws SESSION_LOST (or NOT_FOUND) when there is nothing left to read.
   */
  async profileToSave(taskId: string, signal?: AbortSignal): Promise<BrowserStorageState | undefined> {
    const pending = this.opening.get(taskId);
    if (pending) await pending.catch(() => undefined);
    if (!this.settings.get(taskId)?.options.saveProfile) return undefined;
    return (await this.snapshot(taskId, signal)).storageState;
  }

  /** The session's URL, cookies and local storage now (a profile to save); every origin it visited is read. */
  async snapshot(taskId: string, signal?: AbortSignal): Promise<{ url: string; storageState: BrowserStorageState }> {
    const session = this.get(taskId);
    const storageState = await this.states.full(session, PROFILE_TIMEOUT_MS, signal);
    return { url: session.page.url(), storageState };
  }

  /** The URL and state a replacement session opens with, after each action (see StateSnapshots). */
  async stateSnapshot(
    taskId: string,
    signal?: AbortSignal,
  ): Promise<{ url: string; storageState: BrowserStorageState }> {
    const session = this.get(taskId);
    const storageState = await this.states.take(session, PROFILE_TIMEOUT_MS, signal);
    return { url: session.page.url(), storageState };
  }

  /** Requests of the task that its blockResourceTypes / blockHosts aborted so far. */
  blockedRequests(taskId: string): number {
    return this.settings.get(taskId)?.blocker?.blocked ?? 0;
  }

  /** Subscribes to sessions lost with their Chromium; returns an unsubscribe. */
  onSessionLost(listener: SessionLostListener): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Closes every session (at shutdown, before the owner closes the launcher). */
  async closeAll(reason = 'shutting down'): Promise<void> {
    await Promise.allSettled([...this.opening.values()]);
    await this.spare.discard();
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    this.settings.clear();
    await Promise.allSettled(sessions.map((session) => session.close(reason)));
  }

  /** Stops listening to the launcher; for a manager discarded while its launcher lives on. */
  dispose(): void {
    this.closed = true;
    this.unsubscribe();
    void this.spare.discard();
  }

  private async create(
    taskId: string,
    url: string,
    options: BrowserOptionsV1,
    { loadProfile, restoreState, signal }: OpenSessionOptions,
  ): Promise<BrowserSession> {
    const profile =
      restoreState ??
      (options.profileArtifactId && loadProfile
        ? await this.loadProfile(options.profileArtifactId, loadProfile, signal)
        : undefined);
    // A recycle due now retires the spare with its Chromium.
    await this.recycleIfDue();
    const spare =
      this.config.spareContext && this.spare.fits(options, profile)
        ? await this.spare.take((s) => s.generation === this.launcher.running?.generation)
        : undefined;
    const { browser, generation } = spare
      ? { browser: spare.context.browser() as Browser, generation: spare.generation }
      : await this.acquireBrowser(signal);
    let context: BrowserContext | undefined = spare?.context;
    try {
      let page = spare?.page;
      if (!context || !page) {
        context = await this.prepareContext(browser, generation, options, profile);
        page = await this.firstPage(context, options);
      }
      const blocker = await RequestBlocker.install(context, options);
      await this.applyCookies(context, options);
      const session = new BrowserSession(taskId, generation, context, page, {
        dialogs: options.dialogs,
        screenshot: options.screenshot,
        treeTokenBudget: options.treeTokenBudget,
      });
      this.settings.set(taskId, { options, blocker });
      if (profile) this.states.seed(session, profile);
      const timeout = this.config.navigationTimeoutMs;
      await withDeadline(
        `open ${url}`,
        timeout + 1_000,
        (s) => navigatePage(session.page, url, { timeout, signal: s }),
        signal,
      );
      this.sessions.set(taskId, session);
      if (!browser.isConnected()) session.markLost('Chromium disconnected while the session was opening');
      else if (!this.config.readAhead) warmActionWorld(session.page);
      return session;
    } catch (error) {
      this.settings.delete(taskId);
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

  /** A new context of `browser` with the task's settings, timeouts and the scrape's init scripts. */
  private async prepareContext(
    browser: Browser,
    generation: number,
    options: BrowserOptionsV1,
    profile?: BrowserStorageState,
  ): Promise<BrowserContext> {
    this.contextsByGeneration.set(generation, (this.contextsByGeneration.get(generation) ?? 0) + 1);
    const context = await this.refusingOptions(options, () =>
      browser.newContext({
        ...contextOptionsFor(options, this.config, profile),
        serviceWorkers: 'block',
        // downloads are captured per action and stored as artifacts (ActionEffects)
        acceptDownloads: true,
      }),
    );
    context.setDefaultTimeout(this.config.actionTimeoutMs);
    context.setDefaultNavigationTimeout(this.config.navigationTimeoutMs);
    try {
      await addScrapeHooks(context);
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
    return context;
  }

  /**
   * Opens the spare in the running Chromium (never launching one for it) when there is room for one more
   * context; it is counted as created, so recycling comes no later than without it. Called when a session
   * closes: opened beside a starting session it would only slow that session's first scrape.
   */
  private openSpare(): void {
    const running = this.launcher.running;
    if (!this.config.spareContext || this.closed || this.spare.held || !running) return;
    if (this.liveCount >= this.config.maxContexts) return;
    const { browser, generation } = running;
    this.spare.open(async () => {
      const context = await this.prepareContext(browser, generation, DEFAULT_BROWSER_OPTIONS);
      try {
        return { context, page: await context.newPage(), generation };
      } catch (error) {
        await context.close().catch(() => undefined);
        throw error;
      }
    });
  }

  /** Cookies go in before the first navigation, so the first request already carries them. */
  private async applyCookies(context: BrowserContext, options: BrowserOptionsV1): Promise<void> {
    if (!options.cookies?.length) return;
    try {
      await context.addCookies(playwrightCookies(options.cookies));
    } catch (error) {
      if (!context.browser()?.isConnected()) throw error;
      const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
      throw invalidBrowserOption('cookies', `were refused: ${redact(reason, options)}`, error);
    }
  }

  /** Chromium applies locale, timezone, user agent and headers to a page, so bad values surface here. */
  private firstPage(context: BrowserContext, options: BrowserOptionsV1) {
    return this.refusingOptions(options, () => context.newPage());
  }

  private async refusingOptions<T>(options: BrowserOptionsV1, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw refusedBrowserOption(error, options) ?? error;
    }
  }

  private async loadProfile(
    profileId: string,
    load: BrowserProfileLoader,
    signal?: AbortSignal,
  ): Promise<BrowserStorageState> {
    const state = await withDeadline(
      `load browser profile ${profileId}`,
      PROFILE_TIMEOUT_MS,
      (s) => load(profileId, s),
      signal,
    );
    const parsed = BrowserStorageState.safeParse(state);
    if (!parsed.success)
      throw invalidBrowserOption('profileArtifactId', `is not a browser profile: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
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
    const reason = 'Chromium disconnected (crashed or was killed)';
    const lost: string[] = [];
    for (const session of this.sessions.values()) {
      if (session.generation !== generation || session.state === 'closed') continue;
      // Its pages may have reported the loss first (they close before the browser disconnects).
      session.markLost(reason);
      lost.push(session.taskId);
    }
    for (const taskId of lost) for (const listener of this.lostListeners) listener(taskId, reason);
  }
}

import { withDeadline } from '@webbyflow/common';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs } from './chromium.flags';

const PID_TIMEOUT_MS = 5_000;

export interface ChromiumLauncherOptions {
  executablePath: string;
  headless: boolean;
  extraArgs: readonly string[];
  launchTimeoutMs: number;
}

/** A running Chromium and its generation: the count of launches so far in this process. */
export interface LaunchedBrowser {
  browser: Browser;
  generation: number;
}

export type DisconnectListener = (generation: number) => void;

/**
 * Owns the one Chromium of this process. Launches lazily, shares a launch between concurrent callers,
 * and after a crash or kill reports the lost generation and relaunches on the next `acquire()`.
 */
export class ChromiumLauncher {
  private current: LaunchedBrowser | undefined;
  private launching: Promise<LaunchedBrowser> | undefined;
  private generations = 0;
  private readonly listeners = new Set<DisconnectListener>();

  constructor(private readonly options: ChromiumLauncherOptions) {}

  /** The connected browser, if one is up. */
  get running(): LaunchedBrowser | undefined {
    return this.current?.browser.isConnected() ? this.current : undefined;
  }

  async acquire(signal?: AbortSignal): Promise<LaunchedBrowser> {
    signal?.throwIfAborted();
    const running = this.running;
    if (running) return running;
    this.launching ??= this.launch().finally(() => (this.launching = undefined));
    if (!signal) return this.launching;
    // The launch itself goes on (others may share it); only this caller stops waiting.
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.launching, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Called with the generation whose browser went away (crash, kill or close). Returns an unsubscribe. */
  onDisconnected(listener: DisconnectListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Pid of the running Chromium, asked over CDP (a launched Browser has no `process()`); undefined when none
   * runs. For logs, and for tests that kill it.
   */
  async processId(): Promise<number | undefined> {
    const running = this.running;
    if (!running) return undefined;
    return withDeadline('read the Chromium pid', PID_TIMEOUT_MS, async () => {
      const cdp = await running.browser.newBrowserCDPSession();
      try {
        const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
        return processInfo.find((p) => p.type === 'browser')?.id;
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    });
  }

  async close(): Promise<void> {
    const launching = this.launching;
    if (launching) await launching.catch(() => undefined);
    const current = this.current;
    this.current = undefined;
    if (current) await current.browser.close().catch(() => undefined);
  }

  private async launch(): Promise<LaunchedBrowser> {
    const browser = await chromium.launch({
      executablePath: this.options.executablePath,
      headless: this.options.headless,
      args: chromiumArgs(this.options.extraArgs),
      timeout: this.options.launchTimeoutMs,
      // The owning service shuts down in order (sessions, then browser); Playwright must not race it.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const launched = { browser, generation: ++this.generations };
    browser.on('disconnected', () => {
      if (this.current === launched) this.current = undefined;
      for (const listener of this.listeners) listener(launched.generation);
    });
    this.current = launched;
    return launched;
  }
}

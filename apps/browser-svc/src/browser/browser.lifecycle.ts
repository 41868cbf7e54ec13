import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BrowserSessionManager, ChromiumLauncher, type BrowserConfig } from '@webbyflow/browser';
import { withDeadline } from '@webbyflow/common';
import { BROWSER_CONFIG } from './browser.tokens';

/** Launches Chromium at boot (a missing binary stops the process), closes sessions then Chromium at shutdown. */
@Injectable()
export class BrowserLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BrowserLifecycle.name);

  constructor(
    private readonly launcher: ChromiumLauncher,
    private readonly sessions: BrowserSessionManager,
    @Inject(BROWSER_CONFIG) private readonly config: BrowserConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { browser, generation } = await withDeadline('launch Chromium', this.config.launchTimeoutMs + 1_000, (s) =>
      this.launcher.acquire(s),
    );
    const pid = await this.launcher.processId().catch(() => undefined);
    this.logger.log(
      `Chromium ${browser.version()} ready (generation ${generation}, pid ${pid ?? '?'}, ${this.config.executablePath})`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const open = this.sessions.liveCount;
    await this.sessions.closeAll('browser-svc is shutting down');
    this.sessions.dispose();
    await this.launcher.close();
    this.logger.log(`closed ${open} browser session(s) and Chromium`);
  }
}

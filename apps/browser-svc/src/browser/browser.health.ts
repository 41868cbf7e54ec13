import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import type { BrowserConfig, BrowserSessionManager, ChromiumLauncher } from '@webbyflow/browser';

/**
 * `browser` is up while Chromium is connected, or when it can be launched again (after a crash or a
 * recycle the probe relaunches it, sharing the launch with any run that needs it).
 */
export function browserHealth(
  indicator: HealthIndicatorService,
  launcher: ChromiumLauncher,
  sessions: BrowserSessionManager,
  config: BrowserConfig,
): HealthIndicatorFunction {
  return () =>
    indicator
      .check('browser')
      .attempt(async ({ signal }) => {
        const { browser, generation } = launcher.running ?? (await launcher.acquire(signal));
        return {
          version: browser.version(),
          generation,
          sessions: sessions.liveCount,
          maxContexts: config.maxContexts,
        };
      })
      .withTimeout(config.launchTimeoutMs);
}

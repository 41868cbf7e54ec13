import type { ElementTreeV1 } from '@webbyflow/contracts';
import { FIXTURE_CHROMIUM_ARGS, startFixtureServer, type FixtureServer } from '@webbyflow/testing';
import { ActionExecutor } from '../action-executor.service';
import { resolveBrowserConfig } from '../browser.config';
import type { BrowserSession } from '../browser-session';
import { BrowserSessionManager } from '../browser-session.manager';
import { ChromiumLauncher } from '../chromium/chromium.launcher';
import { PageScraper } from '../page-scraper.service';

/** Short deadlines, so a test of a failing action or an endless request ends quickly. */
export const EXECUTOR_TEST_CONFIG = resolveBrowserConfig({
  extraArgs: [...FIXTURE_CHROMIUM_ARGS],
  maxContexts: 4,
  actionTimeoutMs: 2_000,
  navigationTimeoutMs: 5_000,
  settleTimeoutMs: 1_000,
});

/**
 * The fixture server, a Chromium and a session manager for ActionExecutor specs, started in `beforeAll`, their
 * sessions closed after each test. Call it inside `describe`.
 */
export function executorBed() {
  const config = EXECUTOR_TEST_CONFIG;
  const scraper = new PageScraper(config);
  let server: FixtureServer;
  let launcher: ChromiumLauncher;
  let manager: BrowserSessionManager;

  beforeAll(async () => {
    server = await startFixtureServer();
    launcher = new ChromiumLauncher(config);
    manager = new BrowserSessionManager(launcher, config);
  });
  afterEach(() => manager.closeAll('test done'));
  afterAll(async () => {
    await launcher.close();
    await server.close();
  });

  const scrape = async (session: BrowserSession): Promise<ElementTreeV1> =>
    (await scraper.scrape(session, { screenshot: false })).tree;
  return {
    config,
    executor: new ActionExecutor(config),
    baseUrl: () => server.baseUrl,
    scrape,
    idOf: (tree: ElementTreeV1, name: string): string => {
      const element = tree.elements.find((e) => e.name === name);
      if (!element) throw new Error(`no element named "${name}" in ${tree.elements.map((e) => e.name).join(', ')}`);
      return element.id;
    },
    /** Opens a session on the fixture path and scrapes it. */
    open: async (taskId: string, path: string) => {
      const session = await manager.open(taskId, `${server.baseUrl}${path}`);
      return { session, tree: await scrape(session) };
    },
  };
}

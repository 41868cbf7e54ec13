import type { ElementTreeV1 } from '@webbyflow/contracts';
import { FIXTURE_CHROMIUM_ARGS, startFixtureServer, type FixtureServer } from '@webbyflow/testing';
import { resolveBrowserConfig } from './browser.config';
import type { BrowserSession } from './browser-session';
import { BrowserSessionManager } from './browser-session.manager';
import { ChromiumLauncher } from './chromium/chromium.launcher';
import { PageScraper } from './page-scraper.service';

const config = resolveBrowserConfig({ extraArgs: [...FIXTURE_CHROMIUM_ARGS], maxContexts: 2, settleTimeoutMs: 1_000 });

const named = (tree: ElementTreeV1, name: string) => tree.elements.find((e) => e.name === name);
/** Long enough for a read-ahead of the contact page to be done. */
const pause = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PageScraper read-ahead', () => {
  let server: FixtureServer;
  let launcher: ChromiumLauncher;
  let manager: BrowserSessionManager;
  const scraper = new PageScraper(config);
  let session: BrowserSession;
  let n = 0;

  beforeAll(async () => {
    server = await startFixtureServer();
    launcher = new ChromiumLauncher(config);
    manager = new BrowserSessionManager(launcher, config);
  });
  beforeEach(async () => {
    session = await manager.open(`read-ahead-${++n}`, `${server.baseUrl}/contact`);
  });
  afterEach(async () => {
    await manager.close(session.taskId);
  });
  afterAll(async () => {
    await manager.closeAll();
    await launcher.close();
    await server.close();
  });

  it('should hand over the read-ahead, screenshot included, when the page has not changed since it began', async () => {
    scraper.readAhead(session);
    await pause();
    const read = await scraper.read(session);
    expect(read.fromReadAhead).toBe(true);
    expect((await read.screenshot)?.contentType).toBe('image/jpeg');
    // the session's locators are the handed-over read's
    expect(await session.locate(named(read.tree, 'Submit')!.id)!.textContent()).toBe('Submit');
    const again = await scraper.scrape(session, { screenshot: false });
    expect(again.tree.elements).toEqual(read.tree.elements);
  });

  it('should read the page again when the DOM changed after the read-ahead began, keeping what it saw as new', async () => {
    await scraper.scrape(session, { screenshot: false });
    await session.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<button>First added</button>'));
    scraper.readAhead(session);
    await pause();
    await session.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<button>Second added</button>'));
    const read = await scraper.read(session);
    expect(read.fromReadAhead).toBe(false);
    expect(named(read.tree, 'First added')).toMatchObject({ new: true });
    expect(named(read.tree, 'Second added')).toMatchObject({ new: true });
    expect(named(read.tree, 'Submit')?.new).toBeUndefined();
  });

  it("should read the page again when only an inline style or a field's value (set by a script) changed", async () => {
    scraper.readAhead(session);
    await pause();
    await session.page.evaluate(() => {
      (document.querySelector('button[type=button]') as HTMLElement).style.display = 'none';
    });
    const hidden = await scraper.read(session);
    expect(hidden.fromReadAhead).toBe(false);
    expect(named(hidden.tree, 'Help')).toBeUndefined();

    scraper.readAhead(session);
    await pause();
    await session.page.evaluate(() => {
      (document.querySelector('input[type=email]') as HTMLInputElement).value = 'set by a script';
    });
    const typed = await scraper.read(session);
    expect(typed.fromReadAhead).toBe(false);
    expect(named(typed.tree, 'Email address *')).toMatchObject({ value: 'set by a script' });
  });

  it('should not hand over a read-ahead that was dropped, or one read for other settings', async () => {
    scraper.readAhead(session);
    await scraper.dropReadAhead(session);
    expect((await scraper.read(session)).fromReadAhead).toBe(false);

    scraper.readAhead(session);
    await pause();
    const budget = await scraper.read(session, { treeTokenBudget: 2_000 });
    expect(budget.fromReadAhead).toBe(false);
    await budget.screenshot;
  });

  it('should leave a page with an animated inline style to be read again, not hand over a stale read', async () => {
    await session.page.evaluate(() => {
      const banner = document.createElement('div');
      banner.textContent = 'Sliding banner';
      document.body.prepend(banner);
      let x = 0;
      setInterval(() => (banner.style.marginLeft = `${(x = (x + 1) % 50)}px`), 16);
    });
    scraper.readAhead(session);
    await pause();
    expect((await scraper.read(session)).fromReadAhead).toBe(false);
  });
});

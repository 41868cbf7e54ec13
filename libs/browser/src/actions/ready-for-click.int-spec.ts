import { FIXTURE_CHROMIUM_ARGS, startFixtureServer, type FixtureServer } from '@webbyflow/testing';
import { resolveBrowserConfig } from '../browser.config';
import type { BrowserSession } from '../browser-session';
import { BrowserSessionManager } from '../browser-session.manager';
import { ChromiumLauncher } from '../chromium/chromium.launcher';
import { readyForClick } from './element.scripts';

const config = resolveBrowserConfig({ extraArgs: [...FIXTURE_CHROMIUM_ARGS], maxContexts: 2, settleTimeoutMs: 1_000 });

const PAGE = `<!doctype html><style>
  .cover { position: fixed; inset: 0 auto auto 0; width: 300px; height: 200px; background: #0003; }
  .slide { transition: margin-left 2s linear; }
</style>
<button id="plain">Plain</button>
<button id="disabled" disabled>Disabled</button>
<div role="button" id="aria" aria-disabled="true">Aria disabled</div>
<my-card id="host"></my-card>
<div style="margin-top: 3000px"><button id="far">Far below</button></div>
<script>
  customElements.define('my-card', class extends HTMLElement {
    constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<button><b>Inside</b></button>'; }
  });
</script>`;

describe('readyForClick (the click fast path)', () => {
  let server: FixtureServer;
  let launcher: ChromiumLauncher;
  let manager: BrowserSessionManager;
  let session: BrowserSession;
  const ready = (selector: string) => session.page.locator(selector).evaluate(readyForClick);

  beforeAll(async () => {
    server = await startFixtureServer();
    launcher = new ChromiumLauncher(config);
    manager = new BrowserSessionManager(launcher, config);
    session = await manager.open('ready-for-click', `${server.baseUrl}/`);
    await session.page.route(`${server.baseUrl}/ready`, (route) =>
      route.fulfill({ body: PAGE, contentType: 'text/html' }),
    );
  });
  beforeEach(async () => {
    await session.page.goto(`${server.baseUrl}/ready`);
  });
  afterAll(async () => {
    await manager.closeAll();
    await launcher.close();
    await server.close();
  });

  it('should find a shown, enabled, uncovered button ready, also one inside an open shadow root', async () => {
    expect(await ready('#plain')).toBe(true);
    expect(await ready('my-card button')).toBe(true);
  });

  it('should leave disabled, off-screen and covered elements to the full actionability wait', async () => {
    expect(await ready('#disabled')).toBe(false);
    expect(await ready('#aria')).toBe(false);
    expect(await ready('#far')).toBe(false);
    await session.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div class="cover"></div>'));
    expect(await ready('#plain')).toBe(false);
  });

  it('should leave the click to the full wait while anything animates', async () => {
    await session.page.evaluate(() => {
      const button = document.getElementById('plain')!;
      button.classList.add('slide');
      void button.offsetWidth;
      button.style.marginLeft = '200px';
    });
    expect(await ready('#plain')).toBe(false);
    await session.page.goto(`${server.baseUrl}/ready`);
    await session.page.evaluate(() => {
      const step = () => requestAnimationFrame(step);
      step();
    });
    expect(await ready('#plain')).toBe(false);
  });
});

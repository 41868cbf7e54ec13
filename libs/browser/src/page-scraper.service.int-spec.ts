import type { ElementTreeV1, ElementV1 } from '@webbyflow/contracts';
import { FIXTURE_CHROMIUM_ARGS, startFixtureServer, type FixtureServer } from '@webbyflow/testing';
import { resolveBrowserConfig } from './browser.config';
import { BrowserSessionManager } from './browser-session.manager';
import { ChromiumLauncher } from './chromium/chromium.launcher';
import { PageScraper } from './page-scraper.service';

const config = resolveBrowserConfig({ extraArgs: [...FIXTURE_CHROMIUM_ARGS], maxContexts: 4, settleTimeoutMs: 1_000 });

const byName = (tree: ElementTreeV1, name: string): ElementV1 | undefined => tree.elements.find((e) => e.name === name);

describe(PageScraper.name, () => {
  let server: FixtureServer;
  let launcher: ChromiumLauncher;
  let manager: BrowserSessionManager;
  const scraper = new PageScraper(config);

  beforeAll(async () => {
    server = await startFixtureServer();
    launcher = new ChromiumLauncher(config);
    manager = new BrowserSessionManager(launcher, config);
  });

  afterAll(async () => {
    await manager.closeAll();
    await launcher.close();
    await server.close();
  });

  describe('on the contact fixture', () => {
    let tree: ElementTreeV1;
    let scrape: Awaited<ReturnType<PageScraper['scrape']>>;

    beforeAll(async () => {
      const session = await manager.open('scrape-contact', `${server.baseUrl}/contact`);
      scrape = await scraper.scrape(session, { screenshot: { type: 'png' } });
      tree = scrape.tree;
    });

    it('should list the form fields with roles, names and state when scraping /contact', () => {
      expect(tree.url).toBe(`${server.baseUrl}/contact`);
      expect(tree.title).toBe('Contact us · Fixture Corp');
      expect(byName(tree, 'Your name *')).toMatchObject({
        role: 'textbox',
        tag: 'input',
        type: 'text',
        required: true,
      });
      expect(byName(tree, 'Email address *')).toMatchObject({
        role: 'textbox',
        type: 'email',
        placeholder: 'you@example.com',
      });
      expect(byName(tree, 'Message *')).toMatchObject({ role: 'textbox', tag: 'textarea', required: true });
      expect(byName(tree, 'Subscribe to our newsletter')).toMatchObject({
        role: 'checkbox',
        type: 'checkbox',
        checked: false,
      });
      expect(byName(tree, 'Submit')).toMatchObject({ role: 'button', tag: 'button', type: 'submit' });
      expect(byName(tree, 'Help')).toMatchObject({ role: 'button', type: 'button' });
    });

    it('should list the select options with the selected one when the page has a <select>', () => {
      const topic = byName(tree, 'Topic *');
      expect(topic).toMatchObject({ role: 'combobox', tag: 'select', required: true });
      expect(topic?.options).toEqual([
        { value: '', label: 'Choose a topic…', selected: true },
        { value: 'sales', label: 'Sales' },
        { value: 'support', label: 'Technical support' },
        { value: 'billing', label: 'Billing' },
        { value: 'other', label: 'Something else' },
      ]);
    });

    it('should list nav links with short hrefs and skip hidden fields when scraping', () => {
      expect(byName(tree, 'Contact')).toMatchObject({ role: 'link', tag: 'a', href: '/contact' });
      expect(byName(tree, 'Leave this empty')).toBeUndefined();
      expect(tree.text).not.toContain('Write to us in any language');
      expect(tree.text).toContain('We usually answer within two business days.');
      expect(tree.text).toContain('© 2026 Fixture Corp');
    });

    it('should number ids in document order and tag each node when scraping', async () => {
      expect(tree.elements.map((e) => e.id)).toEqual(tree.elements.map((_, i) => `e${i + 1}`));
      const session = manager.get('scrape-contact');
      for (const element of tree.elements) expect(await session.locate(element.id)!.count()).toBe(1);
      expect(session.locate('e999')).toBeUndefined();
    });

    it('should return the html and a png screenshot when asked for png', () => {
      expect(scrape.html.toString('utf8')).toMatch(/^<!DOCTYPE html><html[^>]*>/);
      expect(scrape.html.toString('utf8')).toContain('<form method="post" action="/contact"');
      expect(scrape.screenshot?.contentType).toBe('image/png');
      expect(scrape.screenshot?.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    });
  });

  describe('on hand-written markup', () => {
    const markup = `
      <span id="lbl">Search the shop</span><input aria-labelledby="lbl">
      <label>Country <select><option>France</option><option selected>Spain</option></select></label>
      <button><svg><title>Close dialog</title><path d="M0 0"/></svg></button>
      <button><span class="sr" style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)">Open menu</span> ☰</button>
      <a href="/cart"><img src="/icons/shopping-cart.svg" width="20" height="20"></a>
      <a href="/home"><img src="/x.png" alt="Home page" width="20" height="20"></a>
      <input type="password" value="secret" aria-label="Password">
      <div contenteditable="true" aria-label="Notes">hello</div>
      <div role="checkbox" aria-checked="true" tabindex="0">Remember me</div>
      <details><summary>More</summary>x</details>
      <button disabled>Pay</button>
      <div onclick="void 0">Card A</div>
      <div style="cursor:pointer"><button>Inner</button></div>
      <button style="display:none">Gone 1</button><button style="visibility:hidden">Gone 2</button>
      <div aria-hidden="true"><button>Gone 3</button></div><button style="width:0;height:0;padding:0;border:0">Gone 4</button>
      <label class="fancy"><input type="checkbox" style="position:absolute;opacity:0;width:1px;height:1px"> I agree</label>
      <shadow-host></shadow-host>
      <table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea</td><td>€3</td></tr></table>
      <script>
        customElements.define('shadow-host', class extends HTMLElement {
          constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<button>Shadow action</button>'; }
        });
      </script>`;
    let tree: ElementTreeV1;

    beforeAll(async () => {
      const session = await manager.open('scrape-markup', `${server.baseUrl}/`);
      await session.page.setContent(markup);
      tree = (await scraper.scrape(session, { screenshot: false })).tree;
    });

    it('should compute names from labelledby, wrapping labels, svg titles, sr-only text, alt and file names', () => {
      expect(byName(tree, 'Search the shop')).toMatchObject({ role: 'textbox' });
      expect(byName(tree, 'Country')).toMatchObject({ role: 'combobox', value: 'Spain' });
      expect(byName(tree, 'Close dialog')).toMatchObject({ role: 'button' });
      expect(byName(tree, 'Open menu ☰')).toMatchObject({ role: 'button' });
      expect(byName(tree, 'shopping cart')).toMatchObject({ role: 'link', href: '/cart' });
      expect(byName(tree, 'Home page')).toMatchObject({ role: 'link', href: '/home' });
    });

    it('should mask passwords and report widget state when elements carry it', () => {
      expect(byName(tree, 'Password')).toMatchObject({ type: 'password', value: '••••' });
      expect(byName(tree, 'Notes')).toMatchObject({ role: 'textbox', value: 'hello' });
      expect(byName(tree, 'Remember me')).toMatchObject({ role: 'checkbox', checked: true });
      expect(byName(tree, 'More')).toMatchObject({ role: 'button', expanded: false });
      expect(byName(tree, 'Pay')).toMatchObject({ disabled: true });
      expect(byName(tree, 'Shadow action')).toMatchObject({ role: 'button' });
    });

    it('should keep onclick elements but not clickable wrappers around controls', () => {
      expect(byName(tree, 'Card A')).toMatchObject({ role: 'generic', tag: 'div' });
      expect(byName(tree, 'Inner')).toMatchObject({ role: 'button' });
      expect(tree.elements.filter((e) => e.name.includes('Inner'))).toHaveLength(1);
    });

    it('should skip hidden, aria-hidden and zero-size elements when scraping', () => {
      expect(tree.elements.filter((e) => e.name.startsWith('Gone'))).toEqual([]);
    });

    it('should list a visually hidden checkbox through its label when the label is visible', () => {
      expect(byName(tree, 'I agree')).toMatchObject({ role: 'checkbox', tag: 'label', checked: false });
    });

    it('should leave sr-only text out and keep table rows on one line when reading the text', () => {
      expect(tree.text).not.toContain('Open menu');
      expect(tree.text).toContain('Item\tPrice\nTea\t€3');
    });

    it('should record the frame, selector and fingerprint of each element for the action engine', () => {
      const session = manager.get('scrape-markup');
      const password = byName(tree, 'Password')!;
      const locator = session.locatorOf(password.id)!;
      expect(locator.frame).toBe(session.page.mainFrame());
      expect(locator).toMatchObject({ selector: `[data-wf-id="${password.id}"]`, inClosedShadow: false });
      expect(session.fingerprintOf(password.id)).toEqual({
        role: 'textbox',
        name: 'Password',
        tag: 'input',
        attributes: { type: 'password', 'aria-label': 'Password' },
        rect: expect.objectContaining({ width: expect.any(Number), height: expect.any(Number) }),
      });
      expect(session.fingerprintOf(password.id)!.rect.width).toBeGreaterThan(10);
      expect(session.fingerprintOf('e999')).toBeUndefined();
    });

    it('should give fresh unique ids when the page re-renders between scrapes', async () => {
      const session = manager.get('scrape-markup');
      await session.page.evaluate(() => document.body.insertAdjacentHTML('afterbegin', document.body.innerHTML));
      const again = (await scraper.scrape(session, { screenshot: false })).tree;
      const ids = again.elements.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(await session.page.locator('[data-wf-id]').count()).toBe(ids.length);
    });
  });

  it('should cap the text and set truncated when the page is long', async () => {
    const session = await manager.open('scrape-long', `${server.baseUrl}/`);
    await session.page.setContent(`<p>${'lorem ipsum '.repeat(500)}</p>`);
    const tree = (await new PageScraper({ ...config, maxTextChars: 200 }).scrape(session, { screenshot: false })).tree;
    expect(tree.text.length).toBeLessThanOrEqual(200);
    expect(tree.truncated).toBe(true);
  });

  it('should return a jpeg screenshot when the default type is used', async () => {
    const session = await manager.open('scrape-jpeg', `${server.baseUrl}/login`);
    const scrape = await scraper.scrape(session);
    expect(scrape.screenshot?.contentType).toBe('image/jpeg');
    expect(scrape.screenshot?.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    await manager.close('scrape-jpeg');
  });

  it('should leave a label listed for its hidden file input shown, so a second scrape lists it again', async () => {
    const session = await manager.open('scrape-twice', `${server.baseUrl}/`);
    await session.page.setContent(`
      <style>.drop input { position: absolute; opacity: 0; width: 1px; height: 1px; }</style>
      <label class="drop" style="cursor: pointer">Add photos <input type="file" multiple></label>`);
    for (const scrape of [1, 2]) {
      const tree = (await scraper.scrape(session, { screenshot: false })).tree;
      expect([scrape, byName(tree, 'Add photos')?.role]).toEqual([scrape, 'button']);
    }
    expect(await session.page.locator('label').evaluate((el) => getComputedStyle(el).display)).toBe('inline');
    await manager.close('scrape-twice');
  });
});

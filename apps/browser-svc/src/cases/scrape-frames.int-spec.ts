import type { ElementTreeV1 } from '@webbyflow/contracts';
import { FIXTURE_CHROMIUM_ARGS } from '@webbyflow/testing';
import type { Frame } from 'playwright-core';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

const names = (tree: ElementTreeV1) => tree.elements.map((e) => e.name);

describe('scraping frames and shadow roots', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    // Chromium isolates by site, and every loopback port is one site (127.0.0.1); strict origin
    // isolation puts each origin in its own renderer, so the second port's frame is really out of process.
    h = await BrowserSvcHarness.start({
      BROWSER_EXTRA_ARGS: [...FIXTURE_CHROMIUM_ARGS, '--enable-features=StrictOriginIsolation'].join(' '),
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('on nested and cross-origin iframes', () => {
    let taskId: string;
    let tree: ElementTreeV1;
    const otherFrame = (): Frame => {
      const frame = h
        .page(taskId)
        .frames()
        .find((f) => f.url().startsWith(h.otherSite.baseUrl));
      if (!frame) throw new Error('the cross-origin frame is not on the page');
      return frame;
    };

    beforeAll(async () => {
      taskId = await h.open('scrape-frames.html');
      ({ tree } = await h.scrape(taskId));
    });

    it('should splice each visible frame in place with frame-numbered ids when frames are nested', () => {
      expect(names(tree)).toEqual([
        'Top before',
        'Inner action',
        'Leaf field',
        'Leaf action',
        'Top between',
        'Leaf field',
        'Leaf action',
        'Top after',
      ]);
      const [before, inner, nestedField, , between, otherField, , after] = tree.elements;
      for (const top of [before, between, after]) expect(top.id).toMatch(/^e\d+$/);
      const frameOf = (id: string) => /^f(\d+)e\d+$/.exec(id)?.[1];
      const frames = [inner, nestedField, otherField].map((e) => frameOf(e.id));
      expect(frames.every((f) => f !== undefined)).toBe(true);
      expect(new Set(frames).size).toBe(3);
    });

    it('should run the other origin out of process when the browser isolates origins', async () => {
      // Only an out-of-process frame has a DevTools session of its own.
      const cdp = await h.page(taskId).context().newCDPSession(otherFrame());
      await cdp.detach();
      const sameOrigin = h
        .page(taskId)
        .frames()
        .find((f) => f.url().endsWith('/scrape-frame-inner.html'));
      await expect(h.page(taskId).context().newCDPSession(sameOrigin!)).rejects.toThrow(/separate CDP session/);
    });

    it('should type and click inside the cross-origin frame by id when acting on its elements', async () => {
      const field = tree.elements[5];
      const button = tree.elements[6];
      expect(
        await h.act(taskId, { type: 'input_text', elementId: field.id, text: 'hi', pressEnter: false, reasoning: '' }),
      ).toMatchObject({ success: true });
      expect(await otherFrame().inputValue('#leaf')).toBe('hi');
      expect(await h.act(taskId, { type: 'click', elementId: button.id, reasoning: '' })).toMatchObject({
        success: true,
      });
      expect(await otherFrame().inputValue('#leaf')).toBe(`done in ${new URL(h.otherSite.baseUrl).port}`);
    });

    it('should keep every id and mark nothing new when the same page is scraped again', async () => {
      const inner = h
        .page(taskId)
        .frames()
        .find((f) => f.url().endsWith('/scrape-frame-inner.html'));
      await inner!.click('button');
      const again = (await h.scrape(taskId)).tree;
      expect(again.elements.map((e) => e.id)).toEqual(tree.elements.map((e) => e.id));
      expect(again.elements.filter((e) => e.new)).toEqual([]);
      expect(again.elements[1].name).toBe('Inner clicked');
    });
  });

  describe('on open and closed shadow roots', () => {
    let taskId: string;
    let tree: ElementTreeV1;

    beforeAll(async () => {
      taskId = await h.open('scrape-shadow.html');
      ({ tree } = await h.scrape(taskId));
    });

    it('should list controls of open, closed and nested closed roots with their labels', () => {
      expect(tree.elements.map((e) => [e.role, e.name])).toEqual([
        ['textbox', 'Open field'],
        ['button', 'Open action'],
        ['button', 'Nested closed action'],
        ['textbox', 'Closed field'],
        ['button', 'Closed action'],
        ['button', 'Deep closed action'],
      ]);
      expect(h.element(tree, 'textbox', 'Closed field').placeholder).toBe('type here');
    });

    it('should type into and click controls inside closed roots when acting by id', async () => {
      const field = h.element(tree, 'textbox', 'Closed field');
      expect(
        await h.act(taskId, { type: 'input_text', elementId: field.id, text: 'abc', pressEnter: false, reasoning: '' }),
      ).toMatchObject({ success: true });
      await h.act(taskId, { type: 'click', elementId: h.element(tree, 'button', 'Closed action').id, reasoning: '' });
      expect(await h.page(taskId).locator('#out').textContent()).toBe('closed:abc');
      await h.act(taskId, { type: 'click', elementId: h.element(tree, 'button', 'Nested closed').id, reasoning: '' });
      expect(await h.page(taskId).locator('#out').textContent()).toBe('nested closed');
      await h.act(taskId, { type: 'click', elementId: h.element(tree, 'button', 'Deep closed').id, reasoning: '' });
      expect(await h.page(taskId).locator('#out').textContent()).toBe('deep closed');
    });

    it('should keep ids of shadow-root controls and show typed values when scraped again', async () => {
      const again = (await h.scrape(taskId)).tree;
      expect(again.elements.map((e) => e.id)).toEqual(tree.elements.map((e) => e.id));
      expect(h.element(again, 'textbox', 'Closed field').value).toBe('abc');
    });
  });
});

import { FIXTURE_CHROMIUM_ARGS, startFixtureServer, type FixtureServer } from '@webbyflow/testing';
import type { Page } from 'playwright-core';
import { resolveBrowserConfig } from '../browser.config';
import { BrowserSessionManager } from '../browser-session.manager';
import { ChromiumLauncher } from '../chromium/chromium.launcher';
import { PageScraper } from '../page-scraper.service';

const config = resolveBrowserConfig({
  extraArgs: [...FIXTURE_CHROMIUM_ARGS],
  settleTimeoutMs: 1_000,
  viewport: { width: 1000, height: 700 },
  maxFullPageHeight: 5_000,
});

/** Decodes an image with Chromium itself and reads pixels: no image library needed. */
async function pixels(page: Page, bytes: Buffer, contentType: string, points: Array<[number, number]>) {
  return page.evaluate(
    async ({ src, points }) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      return {
        width: image.naturalWidth,
        height: image.naturalHeight,
        colors: points.map(([x, y]) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3))),
      };
    },
    { src: `data:${contentType};base64,${bytes.toString('base64')}`, points },
  );
}

const isWhite = ([r, g, b]: number[]) => r > 240 && g > 240 && b > 240;

describe('screenshots', () => {
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

  it('should capture the viewport by default, in the configured format', async () => {
    const session = await manager.open('shot-viewport', `${server.baseUrl}/cases/shot-tall.html`);

    const { screenshot } = await scraper.scrape(session, { screenshot: { type: 'png' } });

    expect(screenshot?.contentType).toBe('image/png');
    const decoded = await pixels(session.page, screenshot!.bytes, 'image/png', []);
    expect(decoded).toMatchObject({ width: 1000, height: 700 });
  });

  it('should capture the whole page up to the height cap when fullPage is set', async () => {
    const session = await manager.open('shot-full', `${server.baseUrl}/cases/shot-tall.html`);

    const { screenshot } = await scraper.scrape(session, { screenshot: { type: 'jpeg', fullPage: true } });

    expect(screenshot).toMatchObject({ contentType: 'image/jpeg', clipped: true });
    const decoded = await pixels(session.page, screenshot!.bytes, 'image/jpeg', []);
    expect(decoded.height).toBe(5_000);
  });

  it('should draw element ids over their boxes, in frames too, and remove the marks afterwards', async () => {
    const session = await manager.open('shot-marks', `${server.baseUrl}/cases/shot-tall.html`);

    const { screenshot, tree } = await scraper.scrape(session, { screenshot: { type: 'png', marks: true } });
    const plain = await scraper.scrape(session, { screenshot: { type: 'png' } });

    // the box runs along the edge of the "Go" button (100,100 200×60) and of the framed one (550,150 100×40)
    const edges: Array<[number, number]> = [
      [150, 100],
      [100, 130],
      [600, 150],
    ];
    const marked = await pixels(session.page, screenshot!.bytes, 'image/png', edges);
    const clean = await pixels(session.page, plain.screenshot!.bytes, 'image/png', edges);
    expect(tree.elements.map((e) => e.name)).toEqual(expect.arrayContaining(['Go', 'Inner']));
    expect(marked.colors.map(isWhite)).toEqual([false, false, false]);
    expect(clean.colors.map(isWhite)).toEqual([true, true, true]);
    expect(await session.page.locator('#__webbyflow_marks').count()).toBe(0);
  });
});

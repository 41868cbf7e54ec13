import type { Frame, Page } from 'playwright-core';
import { collectMarkBoxes, drawMarks, removeMarks, type MarkBox } from './marks.script';

export interface ScreenshotSettings {
  type: 'png' | 'jpeg';
  /** JPEG quality, 1–100; ignored for PNG. */
  quality: number;
  /** Scroll and capture the whole page, up to `maxFullPageHeight` CSS pixels. */
  fullPage: boolean;
  /** Draw each listed element's box and id (set-of-marks) onto the capture. */
  marks: boolean;
  maxFullPageHeight: number;
}

export interface Screenshot {
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg';
  /** True when a full-page capture was cut at `maxFullPageHeight`. */
  clipped: boolean;
}

const LAYER_ID = '__webbyflow_marks';

/**
 * Viewport or full-page screenshots, optionally with set-of-marks: the element ids of the latest scrape
 * drawn over their boxes, so a vision model can answer with ids. The mark layer is removed right after.
 */
export class ScreenshotTaker {
  constructor(private readonly idAttribute: string) {}

  async take(page: Page, settings: ScreenshotSettings, timeout: number, signal: AbortSignal): Promise<Screenshot> {
    const { clip, clipped } = settings.fullPage
      ? await this.fullPageClip(page, settings)
      : { clip: undefined, clipped: false };
    if (settings.marks) await this.drawMarks(page);
    try {
      const bytes = await page.screenshot({
        type: settings.type,
        quality: settings.type === 'jpeg' ? settings.quality : undefined,
        fullPage: settings.fullPage,
        clip,
        // Hiding the caret writes an inline style onto every field and back; the read-ahead would take that for
        // the page changing (PageScraper). A caret in a focused field is part of what the page shows anyway.
        caret: 'initial',
        timeout,
        signal,
      });
      return { bytes, contentType: settings.type === 'png' ? 'image/png' : 'image/jpeg', clipped };
    } finally {
      if (settings.marks) await page.evaluate(removeMarks, LAYER_ID).catch(() => undefined);
    }
  }

  private async fullPageClip(
    page: Page,
    settings: ScreenshotSettings,
  ): Promise<{ clip: { x: number; y: number; width: number; height: number } | undefined; clipped: boolean }> {
    const size = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return { width: root.scrollWidth, height: root.scrollHeight };
    });
    if (size.height <= settings.maxFullPageHeight) return { clip: undefined, clipped: false };
    return { clip: { x: 0, y: 0, width: size.width, height: settings.maxFullPageHeight }, clipped: true };
  }

  /** Boxes of every frame, moved into top-frame viewport coordinates, drawn in the top frame. */
  private async drawMarks(page: Page): Promise<void> {
    const boxes: MarkBox[] = [];
    for (const frame of page.frames()) {
      const offset = await this.frameOffset(page, frame);
      if (!offset) continue;
      const found = await frame.evaluate(collectMarkBoxes, this.idAttribute).catch(() => [] as MarkBox[]);
      for (const box of found) boxes.push({ ...box, x: box.x + offset.x, y: box.y + offset.y });
    }
    await page.evaluate(drawMarks, { layerId: LAYER_ID, boxes });
  }

  /** Where the frame's viewport starts in the top frame's viewport; null for a frame that is not shown. */
  private async frameOffset(page: Page, frame: Frame): Promise<{ x: number; y: number } | null> {
    if (frame === page.mainFrame()) return { x: 0, y: 0 };
    const element = await frame.frameElement().catch(() => null);
    if (!element) return null;
    try {
      const box = await element.boundingBox();
      if (!box) return null;
      // the frame's content starts inside its border; boundingBox covers the border box
      const border = await element.evaluate((el: Element) => {
        const style = getComputedStyle(el);
        return { x: parseFloat(style.borderLeftWidth) || 0, y: parseFloat(style.borderTopWidth) || 0 };
      });
      return { x: box.x + border.x, y: box.y + border.y };
    } catch {
      return null;
    } finally {
      await element.dispose().catch(() => undefined);
    }
  }
}

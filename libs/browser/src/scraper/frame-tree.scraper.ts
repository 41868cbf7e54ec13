import { withDeadline } from '@webbyflow/common';
import type { Frame, Page } from 'playwright-core';
import { registerClosedShadowRoots } from './closed-shadow-roots';
import { scrapeExpression, type ClosedRootsPending } from './scrape-expression';
import {
  ELEMENT_ID_ATTRIBUTE,
  FRAME_SLOT_ATTRIBUTE,
  PAGE_KEYS,
  type CaptchaKind,
  type RawElement,
  type RawFrameScrape,
  type RawScrape,
  type ScrapeScriptArgs,
} from './scrape.types';

/** Hands out a frame's number, stable for the session (the BrowserSession keeps them). */
export interface FrameNumbers {
  frameNumber(frame: Frame): number;
}

export interface ScrapedFrames {
  raw: RawScrape;
  /** The frame each listed element lives in, by id. */
  frameOf: Map<string, Frame>;
}

interface FrameResult {
  elements: { element: RawElement; frame: Frame }[];
  texts: string[];
  truncated: boolean;
  captchas: CaptchaKind[];
}

/**
 * A child frame that answers slower than this (busy, or still loading a hanging document) is left
 * out rather than holding up the page's scrape.
 */
const CHILD_FRAME_TIMEOUT_MS = 3_000;

/**
 * Scrapes the page's frames top-down: the top frame, then in parallel each child whose iframe the parent
 * listed as visible, at any depth. Playwright reaches out-of-process (cross-site) frames like any other.
 * A child's elements are spliced into its parent's list where the iframe sits; ids carry the frame's
 * number (`f2e7`). A child that detaches, navigates or hangs is left out; the top frame's errors propagate.
 */
export class FrameTreeScraper {
  constructor(private readonly maxElements: number) {}

  async scrape(page: Page, numbers: FrameNumbers, signal: AbortSignal): Promise<ScrapedFrames> {
    const main = page.mainFrame();
    const top = await this.evaluate(main, 'e');
    const result = await this.withChildren(main, top, numbers, signal);
    const captcha = top.captcha ?? result.captchas.find((kind) => kind !== 'generic') ?? result.captchas[0];
    return {
      raw: {
        url: top.url,
        title: top.title,
        elements: result.elements.map((e) => e.element),
        elementsTruncated: result.truncated,
        text: result.texts.filter((text) => text.trim()).join('\n'),
        ...(captcha ? { captcha } : {}),
      },
      frameOf: new Map(result.elements.map((e) => [e.element.id, e.frame])),
    };
  }

  private async withChildren(
    frame: Frame,
    raw: RawFrameScrape,
    numbers: FrameNumbers,
    signal: AbortSignal,
  ): Promise<FrameResult> {
    const own = raw.elements.map((element) => ({ element, frame }));
    const result: FrameResult = {
      elements: own,
      texts: [raw.text],
      truncated: raw.elementsTruncated,
      captchas: raw.captcha ? [raw.captcha] : [],
    };
    // A frame with no URL yet has no document of its own (its first navigation is pending), and an
    // evaluate there would wait for one.
    const children = frame.childFrames().filter((child) => child.url() !== '');
    if (!raw.frames.length || !children.length) return result;
    const places = new Map(raw.frames.map((f) => [f.slot, f.index]));
    const scraped = await Promise.all(children.map((child) => this.child(child, places, numbers, signal)));
    const placed = scraped
      .filter((child) => child !== null)
      .sort((a, b) => a.index - b.index || Number(a.slot) - Number(b.slot));
    result.elements = [];
    let next = 0;
    for (const child of placed) {
      result.elements.push(...own.slice(next, child.index), ...child.result.elements);
      next = child.index;
      result.texts.push(...child.result.texts);
      result.truncated ||= child.result.truncated;
      result.captchas.push(...child.result.captchas);
    }
    result.elements.push(...own.slice(next));
    return result;
  }

  private async child(
    frame: Frame,
    places: Map<string, number>,
    numbers: FrameNumbers,
    signal: AbortSignal,
  ): Promise<{ slot: string; index: number; result: FrameResult } | null> {
    let found: { slot: string; index: number; raw: RawFrameScrape } | null;
    try {
      found = await withDeadline(
        'scrape frame',
        CHILD_FRAME_TIMEOUT_MS,
        async () => {
          const slot = await slotOf(frame);
          const index = slot === null ? undefined : places.get(slot);
          if (slot === null || index === undefined) return null; // its iframe is hidden or covered
          return { slot, index, raw: await this.evaluate(frame, `f${numbers.frameNumber(frame)}e`) };
        },
        signal,
      );
    } catch (error) {
      if (signal.aborted) throw error;
      return null;
    }
    if (!found) return null;
    return { slot: found.slot, index: found.index, result: await this.withChildren(frame, found.raw, numbers, signal) };
  }

  /** Runs the scrape expression in one frame, registering closed shadow roots first when it asks for it. */
  private async evaluate(frame: Frame, idPrefix: string): Promise<RawFrameScrape> {
    const args: Omit<ScrapeScriptArgs, 'checkClosedRoots'> = {
      keys: PAGE_KEYS,
      attribute: ELEMENT_ID_ATTRIBUTE,
      frameAttribute: FRAME_SLOT_ATTRIBUTE,
      idPrefix,
      maxElements: this.maxElements,
    };
    const first = await runScrape(frame, { ...args, checkClosedRoots: true });
    if (!('closedRootsPending' in first)) return first;
    await registerClosedShadowRoots(frame, PAGE_KEYS);
    const second = await runScrape(frame, { ...args, checkClosedRoots: false });
    if ('closedRootsPending' in second) throw new Error('the scrape asked for closed shadow roots twice');
    return second;
  }
}

async function runScrape(frame: Frame, args: ScrapeScriptArgs): Promise<RawFrameScrape | ClosedRootsPending> {
  const json = await frame.evaluate<string>(scrapeExpression(args));
  return JSON.parse(json) as RawFrameScrape | ClosedRootsPending;
}

/** The slot key the parent's scrape gave the frame's iframe element, or null when it gave none. */
async function slotOf(frame: Frame): Promise<string | null> {
  const owner = await frame.frameElement();
  try {
    return await owner.getAttribute(FRAME_SLOT_ATTRIBUTE);
  } finally {
    await owner.dispose();
  }
}

import type { Locator } from 'playwright-core';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';
import type { BrowserSession } from '../browser-session';
import { ELEMENT_ID_ATTRIBUTE, PAGE_KEYS } from '../scraper/scrape.types';
import type { ActionProgress, ActionTarget, CallOptions } from './action-call';
import { REFIND_THRESHOLDS, refindElement, type RefindResult } from './refind.script';
import { inspectTarget, readListed, type TargetInfo } from './target.scripts';

/** Numbers re-found ids across sessions, so two re-finds never hand out the same id. */
let refinds = 0;

/**
 * Turns an element id of the latest scrape into a locator. An id whose node left the page (the page
 * re-rendered it) is looked up again by its fingerprint, in the same document only; a CAPTCHA widget is
 * refused before any input reaches it.
 */
export class ElementTargetResolver {
  constructor(
    private readonly session: BrowserSession,
    private readonly progress: ActionProgress,
    private readonly call: CallOptions,
  ) {}

  async resolve(elementId: string): Promise<ActionTarget> {
    const target = await this.locate(elementId);
    if (target.info.captcha) {
      throw new BrowserException(
        BrowserExceptionCode.CAPTCHA_UNSUPPORTED,
        `Element ${elementId} belongs to a ${target.info.captcha} CAPTCHA; solving CAPTCHAs is not supported`,
      );
    }
    return target;
  }

  /** The scraped element (inspected in the same call that finds it), or the one that replaced it. */
  private async locate(elementId: string): Promise<ActionTarget> {
    const locator = this.session.locate(elementId);
    if (!locator) {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_NOT_FOUND,
        `No element ${elementId} in the latest scrape; scrape the page again`,
      );
    }
    const listed = await this.readListed(elementId, inspectTarget);
    if (listed?.value) return this.target(locator.first(), listed.value, elementId);
    const info = await locator.evaluateAll(inspectTarget);
    if (info) return this.target(locator.first(), info);
    const refound = await this.refind(elementId);
    return this.target(refound, await inspected(refound, this.call));
  }

  private target(locator: Locator, info: TargetInfo, listedId?: string): ActionTarget {
    const call = this.call;
    return {
      locator,
      info,
      read: async <R>(read: (el: Element) => R): Promise<R> => {
        const listed = listedId === undefined ? undefined : await this.readListed(listedId, read);
        return listed ? listed.value : await locator.evaluate(read, undefined, call);
      },
    };
  }

  /** `read` of the listed element in one frame.evaluate; undefined where only the locator can tell. */
  private async readListed<R>(elementId: string, read: (el: Element) => R): Promise<{ value: R } | undefined> {
    const scraped = this.session.locatorOf(elementId);
    if (!scraped || scraped.inClosedShadow || scraped.frame.isDetached()) return undefined;
    const args = { stateKey: PAGE_KEYS.state, attribute: ELEMENT_ID_ATTRIBUTE, id: elementId };
    const expression = `(${readListed.toString()})(${JSON.stringify(args)}, ${read.toString()})`;
    const result = await scraped.frame
      .evaluate<{ listed: true; value: R } | { listed: false }>(expression)
      .catch(() => ({ listed: false as const }));
    return result.listed ? { value: result.value } : undefined;
  }

  private async refind(elementId: string): Promise<Locator> {
    const scraped = this.session.locatorOf(elementId);
    // Inside a closed shadow root the page script cannot search; a detached frame has nothing to search.
    if (!scraped || scraped.inClosedShadow || scraped.frame.isDetached()) {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_NOT_FOUND,
        `Element ${elementId} is no longer on the page; scrape the page again`,
      );
    }
    const { fingerprint } = scraped;
    const root = scraped.frame.locator(':root');
    // A fresh id, so the planner can tell the element was re-found and the next scrape's ids never clash.
    const newId = `${elementId}r${++refinds}`;
    const result: RefindResult = await root.evaluate(
      refindElement,
      { fingerprint, attribute: ELEMENT_ID_ATTRIBUTE, scrapeStateKey: PAGE_KEYS.state, newId, ...REFIND_THRESHOLDS },
      this.call,
    );
    if (!result.found) {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_STALE,
        `Element ${elementId} (${fingerprint.role} "${fingerprint.name.slice(0, 60)}") re-rendered and was not ` +
          `found again by role, name, attributes and position: ${result.reason}; scrape the page again`,
      );
    }
    this.progress.refoundAs = newId;
    return root.locator(`[${ELEMENT_ID_ATTRIBUTE}="${newId}"]`).first();
  }
}

/** `inspectTarget` of the locator's element, which must exist: the locator waits for it within `call`. */
export async function inspected(locator: Locator, call: CallOptions): Promise<TargetInfo> {
  const info = await locator.evaluate(inspectTarget, undefined, call);
  if (!info) throw new BrowserException(BrowserExceptionCode.ELEMENT_NOT_FOUND, 'The target element went away');
  return info;
}

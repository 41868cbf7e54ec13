import { sleep } from '@webbyflow/common';
import type { BrowserActionV1 } from '@webbyflow/contracts';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';
import type { ActionScope } from './action-call';
import { scrollElement, scrollPage } from './element.scripts';
import type { PageActivity } from './page-activity';

type Scroll = Extract<BrowserActionV1, { type: 'scroll' }>;
type Wait = Extract<BrowserActionV1, { type: 'wait' }>;

/** Scrolls the page, or inside the element (bringing it into view when it does not scroll itself). */
export async function scroll(scope: ActionScope, action: Scroll): Promise<void> {
  const { call } = scope;
  if (action.elementId) {
    const { locator } = await scope.target(action.elementId);
    scope.progress.acting();
    await locator.evaluate(scrollElement, action.direction, call);
    return;
  }
  scope.progress.acting();
  await scope.session.page.locator(':root').evaluate(scrollPage, action.direction, call);
}

/**
 * Waits `ms`, or at most `ms` for the text to be visible, the element to be visible, or the page to
 * settle (network and DOM quiet). Nothing here sleeps longer than asked; the signal ends every wait.
 */
export async function wait(scope: ActionScope, action: Wait, activity: PageActivity, quietMs: number): Promise<void> {
  const { page } = scope.session;
  const options = { timeout: Math.max(action.ms, 1), signal: scope.call.signal };
  if (action.text) {
    await page
      .waitForFunction(pageShowsText, normalise(action.text), { ...options, polling: 100 })
      .catch(notWithin(scope, `the text "${action.text}"`, action.ms));
  } else if (action.elementId) {
    const locator = scope.session.locate(action.elementId);
    if (!locator) {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_NOT_FOUND,
        `No element ${action.elementId} in the latest scrape; scrape the page again`,
      );
    }
    await locator
      .first()
      .waitFor({ ...options, state: 'visible' })
      .catch(notWithin(scope, action.elementId, action.ms));
  } else if (action.settle) {
    await activity.settle({ quietMs, maxMs: action.ms }, scope.call.signal);
  } else {
    await sleep(action.ms, scope.call.signal);
  }
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Runs in the page: whether its visible text (main frame) contains `wanted`, ignoring case and spacing. */
function pageShowsText(wanted: string): boolean {
  return (document.body?.innerText ?? '').replace(/\s+/g, ' ').toLowerCase().includes(wanted);
}

function notWithin(scope: ActionScope, what: string, ms: number): (error: unknown) => never {
  return (error: unknown) => {
    scope.call.signal.throwIfAborted();
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new BrowserException(BrowserExceptionCode.ACTION_TIMEOUT, `Waited ${ms} ms; ${what} did not appear`, {
        cause: error,
      });
    }
    throw error;
  };
}

import type { BrowserActionV1 } from '@webbyflow/contracts';
import type { Page } from 'playwright-core';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';
import type { BrowserSession } from '../browser-session';
import { navigatePage, parseNavigableUrl, runNavigation } from '../page-navigation';

/** Actions on the page or its tabs rather than on an element. */
export type PageActionV1 = Extract<
  BrowserActionV1,
  { type: 'goto_url' | 'go_back' | 'go_forward' | 'reload' | 'new_tab' | 'switch_tab' | 'close_tab' }
>;

/** Timeout of each Playwright call and the action deadline's signal. */
export interface PageCall {
  timeout: number;
  signal: AbortSignal;
}

/** Runs a page-level action on the session's active tab (or the tab it names). */
export async function runPageAction(session: BrowserSession, action: PageActionV1, call: PageCall): Promise<void> {
  switch (action.type) {
    case 'goto_url':
      return navigatePage(session.page, action.url, call);
    case 'go_back':
      return traverseHistory(session.page, 'back', call);
    case 'go_forward':
      return traverseHistory(session.page, 'forward', call);
    case 'reload':
      await runNavigation(`Could not reload ${session.page.url()}`, () =>
        session.page.reload({ waitUntil: 'domcontentloaded', ...call }),
      );
      return;
    case 'new_tab':
      return openTab(session, action.url, call);
    case 'switch_tab':
      // a background tab may throttle timers and skip rendering until it is in front
      return session.tabs.activate(action.tabId).page.bringToFront();
    case 'close_tab':
      return closeTab(session, action.tabId);
  }
}

/** Goes one history entry back or forward in the tab; NAVIGATION_FAILED at once when there is none. */
async function traverseHistory(page: Page, direction: 'back' | 'forward', call: PageCall): Promise<void> {
  const from = page.url();
  if (!(await hasHistoryEntry(page, direction === 'back' ? -1 : 1))) {
    throw new BrowserException(
      BrowserExceptionCode.NAVIGATION_FAILED,
      `There is no ${direction === 'back' ? 'previous' : 'next'} page in this tab's history (at ${from})`,
    );
  }
  await runNavigation(`Could not go ${direction} from ${from}`, () =>
    direction === 'back'
      ? page.goBack({ waitUntil: 'domcontentloaded', ...call })
      : page.goForward({ waitUntil: 'domcontentloaded', ...call }),
  );
}

/**
 * Whether the tab has a history entry `delta` steps away. Playwright's goBack would happily return to the
 * `about:blank` every new tab starts on (entry 0), which is not a page the run ever saw, so that one counts
 * as none. Chromium only: the platform runs no other browser.
 */
async function hasHistoryEntry(page: Page, delta: -1 | 1): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { currentIndex, entries } = await cdp.send('Page.getNavigationHistory');
    const index = currentIndex + delta;
    const entry = entries.at(index);
    return index >= 0 && entry !== undefined && !(index === 0 && entry.url === 'about:blank');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Opens a tab (it becomes active), then its URL if one is given; a bad URL opens nothing. */
async function openTab(session: BrowserSession, url: string | undefined, call: PageCall): Promise<void> {
  if (url !== undefined) parseNavigableUrl(url);
  const page = await session.context.newPage();
  // the context's page event registers it too; adopting is idempotent and makes it active now
  session.tabs.adopt(page);
  if (url !== undefined) await navigatePage(page, url, call);
}

/** Closes a tab; the one active before it takes over. The last tab stays: closing it would end the session. */
async function closeTab(session: BrowserSession, tabId: string | undefined): Promise<void> {
  const { tabs } = session;
  const tab = tabId === undefined ? tabs.active : tabs.get(tabId);
  if (tabs.size <= 1) {
    throw new BrowserException(
      BrowserExceptionCode.INVALID_ACTION,
      `Tab ${tab.id} is the only open tab; closing it would end the session`,
    );
  }
  await tab.page.close();
  tabs.forget(tab);
}

import type { Page } from 'playwright-core';
import { isTargetClosedError } from './action-error.mapper';
import { BrowserException, BrowserExceptionCode } from './browser.exception';

/** Parses a URL a run may open: http(s) only, so a page can't be pointed at local files or scripts. */
export function parseNavigableUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BrowserException(BrowserExceptionCode.INVALID_ACTION, `Not a valid URL: ${url.slice(0, 200)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BrowserException(
      BrowserExceptionCode.INVALID_ACTION,
      `Only http and https URLs can be opened, not ${parsed.protocol}`,
    );
  }
  return parsed;
}

/** Opens `url` and waits for DOMContentLoaded; a network or HTTP-level failure is NAVIGATION_FAILED. */
export async function navigatePage(
  page: Page,
  url: string,
  call: { timeout: number; signal?: AbortSignal },
): Promise<void> {
  const target = parseNavigableUrl(url);
  await runNavigation(`Could not open ${target.href}`, () =>
    page.goto(target.href, { waitUntil: 'domcontentloaded', ...call }),
  );
}

/**
 * Runs a navigation (goto, back, forward, reload); a network or HTTP-level failure becomes NAVIGATION_FAILED
 * starting with `failure`. A closed page is rethrown as is, so the caller can tell the session went away.
 */
export async function runNavigation<T>(failure: string, navigate: () => Promise<T>): Promise<T> {
  try {
    return await navigate();
  } catch (error) {
    if (isTargetClosedError(error)) throw error;
    const reason = error instanceof Error ? error.message.split('\n', 1)[0].replace(/^page\.\w+: /, '') : String(error);
    throw new BrowserException(BrowserExceptionCode.NAVIGATION_FAILED, `${failure}: ${reason}`, { cause: error });
  }
}

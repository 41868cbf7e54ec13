import type { Page } from 'playwright-core';

/**
 * Starts, without waiting for it, what the first action on a new document would otherwise pay for: Playwright's
 * injected script in the main and the utility world (~40–60 ms of the renderer's time). Called after a session's
 * first navigation and after each scrape, so it runs while the next command travels and the renderer is idle;
 * a command that comes sooner queues behind it.
 */
export function warmActionWorld(page: Page): void {
  page
    .locator(':root')
    .evaluate(() => 0, undefined, { timeout: 5_000 })
    .catch(() => undefined); // a page that navigated or closed meanwhile needs no warming
}

import type { BrowserContext } from 'playwright-core';
import { installPageIdleWatch } from '../actions/page-idle.script';
import { installScrapeHooks } from './scrape-hooks.script';
import { PAGE_KEYS } from './scrape.types';

/**
 * Puts the scrape's init scripts into every document of the context (all tabs and frames), before the
 * page's own scripts run. Call it before the first navigation. The activity watch starts with the document, so
 * waiting for a page to settle knows when it last changed, and which timers it has pending, from the start.
 */
export async function addScrapeHooks(context: BrowserContext): Promise<void> {
  await context.addInitScript(installScrapeHooks, PAGE_KEYS);
  await context.addInitScript(installPageIdleWatch);
}

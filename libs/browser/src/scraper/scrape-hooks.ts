import type { BrowserContext } from 'playwright-core';
import { installScrapeHooks } from './scrape-hooks.script';
import { PAGE_KEYS } from './scrape.types';

/**
 * Puts the scrape's init script into every document of the context (all tabs and frames), before the
 * page's own scripts run. Call it before the first navigation.
 */
export async function addScrapeHooks(context: BrowserContext): Promise<void> {
  await context.addInitScript(installScrapeHooks, PAGE_KEYS);
}

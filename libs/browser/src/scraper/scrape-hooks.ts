import type { BrowserContext } from 'playwright-core';
import { domQuietFor } from '../actions/dom-quiet.script';
import { installScrapeHooks } from './scrape-hooks.script';
import { PAGE_KEYS } from './scrape.types';

/**
 * Puts the scrape's init scripts into every document of the context (all tabs and frames), before the
 * page's own scripts run. Call it before the first navigation. The DOM-quiet watch starts with the document,
 * so waiting for a page to settle knows when it last changed instead of starting to watch at the first action.
 */
export async function addScrapeHooks(context: BrowserContext): Promise<void> {
  await context.addInitScript(installScrapeHooks, PAGE_KEYS);
  await context.addInitScript(domQuietFor);
}

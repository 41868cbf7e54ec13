import { existsSync } from 'node:fs';

/** Debian's `chromium-headless-shell`: Chromium's old headless mode, the one Playwright itself runs headless. */
export const HEADLESS_SHELL_PATH = '/usr/bin/chromium-headless-shell';
/** Debian's `chromium`: the full browser, needed to show a window. */
export const FULL_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The Chromium to run when CHROMIUM_PATH is not set: the headless shell when it is installed and no window is
 * wanted, since it costs about 40 % less CPU per run than the full browser's new headless mode (no browser
 * window, tab strip or omnibox behind every context; BENCHMARKS.md "1,000 tasks"), else the full browser.
 */
export function defaultChromiumPath(headless: boolean, exists: (path: string) => boolean = existsSync): string {
  return headless && exists(HEADLESS_SHELL_PATH) ? HEADLESS_SHELL_PATH : FULL_CHROMIUM_PATH;
}

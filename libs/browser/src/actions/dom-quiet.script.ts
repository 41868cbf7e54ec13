// Runs inside the page through locator.evaluate: self-contained, no imports, no module helpers.

/**
 * Milliseconds since the last DOM mutation of this document, watched by a MutationObserver that the first
 * call installs (and that returns 0 then). Sessions run it as an init script, so the watch starts with the
 * document and parsing counts as change. Inline `style` changes are ignored: animations and carousels
 * rewrite them forever without changing what a reader or the scraper sees.
 */
export function domQuietFor(_root?: unknown): number {
  const KEY = '__webbyflowDomQuiet';
  const holder = window as unknown as Record<string, { last: number } | undefined>;
  const state = holder[KEY];
  if (state) return performance.now() - state.last;
  const fresh = { last: performance.now() };
  holder[KEY] = fresh;
  new MutationObserver((records) => {
    if (records.some((r) => r.type !== 'attributes' || r.attributeName !== 'style')) fresh.last = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  return 0;
}

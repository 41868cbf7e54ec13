/**
 * The page's HTML as `page.content()` builds it (doctype + outerHTML), but run in the main world like the
 * scrape script: `page.content()` runs in Playwright's utility world, whose creation cost ~60 ms per fresh page.
 * Page-side: must not close over anything.
 */
export function pageHtml(): string {
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
  return doctype + (document.documentElement?.outerHTML ?? '');
}

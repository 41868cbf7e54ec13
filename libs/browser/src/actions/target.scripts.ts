// Functions run inside the page through locator.evaluate: self-contained, no imports, no module helpers.

/**
 * What acting on an element may set off: `submit` sends a form, `link` follows a link, `commit` is a
 * button whose name says it buys, pays, sends or deletes. Such actions are never retried blindly.
 */
export type TargetEffect = 'submit' | 'link' | 'commit' | 'none';

export interface TargetInfo {
  /** `recaptcha`, `hcaptcha`, `turnstile` or `generic` when the element belongs to a CAPTCHA widget. */
  captcha: string | null;
  /** What a click on it may set off. */
  effect: TargetEffect;
  /** Enter in this element submits a form (implicit submission). */
  enterSubmits: boolean;
  /** A combobox or autocomplete field: type key by key so the page's key handlers run. */
  typeahead: boolean;
  /** Enter adds a line (textarea, contenteditable), so appending goes to the end with Control+End. */
  multiline: boolean;
}

/**
 * Reads what the executor needs to know about a target before acting on it. Given a locator's matches
 * (`evaluateAll`), it reads the first and returns null when there is none: one round trip instead of a count
 * followed by an evaluate.
 */
export function inspectTarget(target: Element | Element[]): TargetInfo | null {
  const el = Array.isArray(target) ? target[0] : target;
  if (!el) return null;
  const CAPTCHA_HOSTS: [RegExp, string][] = [
    [/(^|\.)(google\.com|recaptcha\.net)$/, 'recaptcha'],
    [/(^|\.)hcaptcha\.com$/, 'hcaptcha'],
    [/^challenges\.cloudflare\.com$/, 'turnstile'],
  ];
  const CAPTCHA_MARKS: [RegExp, string][] = [
    [/recaptcha/i, 'recaptcha'],
    [/hcaptcha/i, 'hcaptcha'],
    [/turnstile/i, 'turnstile'],
    [/captcha/i, 'generic'],
  ];
  const RISKY =
    /\b(buy|pay|purchase|order|checkout|check out|send|submit|delete|remove|confirm|book|transfer|sign up|register)\b/i;

  const captchaOf = (): string | null => {
    // The function runs in the element's own frame: a CAPTCHA iframe shows in its location.
    for (const [host, kind] of CAPTCHA_HOSTS) {
      if (host.test(location.hostname) && (kind !== 'recaptcha' || /recaptcha/.test(location.pathname))) return kind;
    }
    for (let node: Element | null = el; node;) {
      const marks = `${node.id} ${typeof node.className === 'string' ? node.className : ''} ${
        node instanceof HTMLIFrameElement ? `${node.src} ${node.title}` : ''
      }`;
      for (const [mark, kind] of CAPTCHA_MARKS) if (mark.test(marks)) return kind;
      if (node.hasAttribute('data-sitekey')) return 'generic';
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    }
    return null;
  };

  const formOf = (node: Element): HTMLFormElement | null =>
    node instanceof HTMLInputElement ? node.form : node.closest('form');

  const effectOf = (): TargetEffect => {
    const button = el.closest<HTMLButtonElement | HTMLInputElement>('button, input[type=submit], input[type=image]');
    if (button?.form && (button.type === 'submit' || button.type === 'image')) return 'submit';
    const link = el.closest('a[href]');
    const href = link?.getAttribute('href')?.trim() ?? '';
    if (link && href && !href.startsWith('#') && !/^javascript:/i.test(href)) return 'link';
    const name = `${el.getAttribute('aria-label') ?? ''} ${(el as HTMLInputElement).value ?? ''} ${(
      el.textContent ?? ''
    ).slice(0, 200)}`;
    const clickable = el.matches('button, input[type=button], [role=button], [role=menuitem], a');
    return clickable && RISKY.test(name) ? 'commit' : 'none';
  };

  const input = el instanceof HTMLInputElement ? el : null;
  const textual =
    input !== null && !['checkbox', 'radio', 'file', 'button', 'submit', 'reset', 'image'].includes(input.type);
  return {
    captcha: captchaOf(),
    effect: effectOf(),
    enterSubmits: (textual && formOf(el) !== null) || effectOf() === 'submit',
    typeahead:
      el.getAttribute('role') === 'combobox' ||
      ['list', 'both', 'inline'].includes(el.getAttribute('aria-autocomplete') ?? '') ||
      (input?.hasAttribute('list') ?? false),
    multiline: el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable),
  };
}

/**
 * `read(element)` (its source passed in) of the element the latest scrape listed under `id`, found through the
 * scrape's page-side registry in one `frame.evaluate`: a locator costs Playwright ~10 ms of round trips more.
 * `{ listed: false }` when the registry does not hold it as tagged (re-rendered, re-found, from an older scrape).
 */
export function readListed<R>(
  args: { stateKey: string; attribute: string; id: string },
  read: (el: Element) => R,
): { listed: true; value: R } | { listed: false } {
  const doc = document as unknown as Record<symbol, { byId?: Map<string, WeakRef<Element>> } | undefined>;
  const el = doc[Symbol.for(args.stateKey)]?.byId?.get(args.id)?.deref();
  if (!el?.isConnected || el.getAttribute(args.attribute) !== args.id) return { listed: false };
  return { listed: true, value: read(el) };
}

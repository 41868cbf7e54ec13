// Runs inside the page as part of the scrape expression (scrape-expression.ts): self-contained, no imports,
// no module-level helpers.
import type { CaptchaKind } from './scrape.types';

/**
 * A visible CAPTCHA widget in this document, by the markup the vendors' embed code produces (the widget
 * itself is usually a cross-origin iframe that may not even load). Invisible ones (reCAPTCHA v3, an
 * `invisible` widget) are left out: they ask nothing of a person. Checked once per frame with two
 * querySelectorAll calls, so it costs nothing on pages without one.
 */
export function detectCaptcha(isVisible: (el: Element) => boolean): CaptchaKind | undefined {
  const KNOWN: [string, CaptchaKind][] = [
    ['.g-recaptcha, iframe[src*="/recaptcha/"], iframe[title*="reCAPTCHA" i]', 'recaptcha'],
    ['.h-captcha, iframe[src*="hcaptcha.com"], iframe[data-hcaptcha-widget-id]', 'hcaptcha'],
    ['.cf-turnstile, iframe[src*="challenges.cloudflare.com"], #challenge-form, #cf-challenge-running', 'turnstile'],
  ];
  // reCAPTCHA v3 shows a badge (an `invisible` anchor iframe) on every page of a site: not a challenge.
  const shown = (el: Element): boolean =>
    isVisible(el) &&
    el.getAttribute('data-size') !== 'invisible' &&
    !/[?&]size=invisible\b/.test(el.getAttribute('src') ?? '') &&
    !el.closest('.grecaptcha-badge');
  for (const [selector, kind] of KNOWN) if (Array.from(document.querySelectorAll(selector)).some(shown)) return kind;
  const generic = document.querySelectorAll(
    'img[src*="captcha" i], img[alt*="captcha" i], input[name*="captcha" i], input[id*="captcha" i], ' +
      '[id*="captcha" i]:not(input), [class*="captcha" i]:not(input)',
  );
  return Array.from(generic).some(shown) ? 'generic' : undefined;
}

/** A Retry-After header (delay-seconds or HTTP-date) as milliseconds from `now`; null when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse is lenient ("-5" and "1.5" are dates to V8): an HTTP-date always names a month.
  const at = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

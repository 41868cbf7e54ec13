/** How often and how far apart deliveries are retried. */
export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What one attempt got: an HTTP answer, or an error before any answer (refused address, timeout, network). */
export type AttemptResult =
  | { kind: 'response'; status: number; retryAfterMs: number | null }
  | { kind: 'error'; code: string; message: string; terminal: boolean };

export type AttemptDecision = { outcome: 'delivered' } | { outcome: 'retry'; delayMs: number } | { outcome: 'failed' };

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base × 2^(attempt−1))), so
 * receivers that came back up are not hit by every delivery at the same instant.
 */
export function backoffDelayMs(attempt: number, settings: RetrySettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Only these answers carry a Retry-After we honour. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** 2xx delivers; 408, 429 and 5xx are worth another try; any other answer (incl. redirects) will not change. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** What follows attempt number `attempt` (1-based). */
export function decideAfterAttempt(
  result: AttemptResult,
  attempt: number,
  settings: RetrySettings,
  random: () => number = Math.random,
): AttemptDecision {
  if (result.kind === 'response' && result.status >= 200 && result.status < 300) return { outcome: 'delivered' };
  const retryable = result.kind === 'response' ? isRetryableStatus(result.status) : !result.terminal;
  if (!retryable || attempt >= settings.maxAttempts) return { outcome: 'failed' };
  const asked = result.kind === 'response' && RETRY_AFTER_STATUSES.has(result.status) ? result.retryAfterMs : null;
  const delayMs = asked === null ? backoffDelayMs(attempt, settings, random) : Math.min(asked, settings.maxDelayMs);
  return { outcome: 'retry', delayMs };
}

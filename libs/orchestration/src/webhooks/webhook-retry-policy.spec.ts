import fc from 'fast-check';
import { backoffDelayMs, decideAfterAttempt, type RetrySettings } from './webhook-retry-policy';

const settings: RetrySettings = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };
const response = (status: number, retryAfterMs: number | null = null) =>
  ({ kind: 'response', status, retryAfterMs }) as const;

describe('backoffDelayMs', () => {
  it('should stay within [0, min(max, base × 2^(attempt−1))) when jittered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const delay = backoffDelayMs(attempt, settings, () => r);
        const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
        return delay >= 0 && delay < ceiling;
      }),
    );
  });

  it('should double the ceiling per attempt until the max delay when random is at its top', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => Math.round(backoffDelayMs(a, settings, top) / 1000))).toEqual([
      1, 2, 4, 8, 16, 30, 30,
    ]);
    expect(backoffDelayMs(3, settings, () => 0)).toBe(0);
  });
});

describe('decideAfterAttempt', () => {
  const half = () => 0.5;

  it('should deliver on any 2xx', () => {
    expect(decideAfterAttempt(response(200), 1, settings)).toEqual({ outcome: 'delivered' });
    expect(decideAfterAttempt(response(204), 5, settings)).toEqual({ outcome: 'delivered' });
  });

  it('should retry 5xx, 408, 429 and retryable errors with jittered backoff', () => {
    for (const status of [500, 502, 503, 408, 429]) {
      expect(decideAfterAttempt(response(status), 2, settings, half)).toEqual({ outcome: 'retry', delayMs: 1000 });
    }
    const timeout = { kind: 'error', code: 'TIMEOUT', message: 'x', terminal: false } as const;
    expect(decideAfterAttempt(timeout, 1, settings, half)).toEqual({ outcome: 'retry', delayMs: 500 });
  });

  it('should fail at once on other 4xx, redirects and terminal errors', () => {
    for (const status of [400, 401, 404, 410, 301])
      expect(decideAfterAttempt(response(status), 1, settings)).toEqual({ outcome: 'failed' });
    const refused = { kind: 'error', code: 'ADDRESS_REFUSED', message: 'x', terminal: true } as const;
    expect(decideAfterAttempt(refused, 1, settings)).toEqual({ outcome: 'failed' });
  });

  it('should fail after the last attempt', () => {
    expect(decideAfterAttempt(response(500), 5, settings)).toEqual({ outcome: 'failed' });
  });

  it('should honour Retry-After on 429 and 503 only, capped at the max delay', () => {
    expect(decideAfterAttempt(response(429, 1000), 1, settings, half)).toEqual({ outcome: 'retry', delayMs: 1000 });
    expect(decideAfterAttempt(response(503, 3_600_000), 1, settings)).toEqual({ outcome: 'retry', delayMs: 30_000 });
    expect(decideAfterAttempt(response(500, 9000), 1, settings, () => 0)).toEqual({ outcome: 'retry', delayMs: 0 });
  });
});

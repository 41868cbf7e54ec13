import { parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-01T12:00:00Z');

  it('should read delay-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });

  it('should read an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Sun, 01 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, null, '', 'soon', '-5', '1.5'])('should return null for %p', (value) => {
    expect(parseRetryAfter(value, now)).toBeNull();
  });
});

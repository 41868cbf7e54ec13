import { redeliveryDelayMs } from './jetstream-consumer';

describe(redeliveryDelayMs.name, () => {
  it('should double from 1 s per delivery up to 30 s', () => {
    expect([1, 2, 3, 6, 10].map((n) => redeliveryDelayMs(n))).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
  });

  it('should wait longer when the failure asked for it, at most 2 min', () => {
    expect(redeliveryDelayMs(1, 7_000)).toBe(7_000);
    expect(redeliveryDelayMs(6, 7_000)).toBe(30_000);
    expect(redeliveryDelayMs(1, 600_000)).toBe(120_000);
  });
});

import { CoalescingRunner } from './coalescing-runner';

describe(CoalescingRunner.name, () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const unexpected = (error: unknown) => {
    throw error;
  };

  it('should run one more pass, not several at once, when kicked during a pass', async () => {
    let running = 0;
    let most = 0;
    let passes = 0;
    let release!: () => void;
    const runner = new CoalescingRunner(async () => {
      passes++;
      most = Math.max(most, ++running);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
    }, unexpected);
    runner.kick();
    runner.kick();
    runner.kick();
    release();
    await tick();
    release();
    await tick();
    expect(passes).toBe(2);
    expect(most).toBe(1);
  });

  it('should report a failed pass and run again on the next kick', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const runner = new CoalescingRunner(
      () => {
        passes++;
        return Promise.reject(new Error('down'));
      },
      (error) => errors.push(error),
    );
    runner.kick();
    await tick();
    runner.kick();
    await tick();
    expect(passes).toBe(2);
    expect(errors).toHaveLength(2);
  });

  it('should start no pass after stop', async () => {
    let passes = 0;
    const runner = new CoalescingRunner(() => Promise.resolve(void passes++), unexpected);
    await runner.stop();
    runner.kick();
    await tick();
    expect(passes).toBe(0);
  });

  it('should hold kicks back after a failed pass and retry by itself when the backoff is over', async () => {
    const delays: Array<number | null> = [];
    const at: number[] = [];
    let fail = true;
    const runner = new CoalescingRunner(
      () => {
        at.push(Date.now());
        return fail ? Promise.reject(new Error('down')) : Promise.resolve();
      },
      (_error, retryInMs) => delays.push(retryInMs),
      { baseMs: 60, maxMs: 100 },
    );
    runner.kick();
    await tick();
    runner.kick(); // inside the backoff: no pass now
    await tick();
    expect(at).toHaveLength(1);
    fail = false;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(at).toHaveLength(2);
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(55);
    expect(delays).toEqual([60]);
    await runner.stop();
  });
});

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
});

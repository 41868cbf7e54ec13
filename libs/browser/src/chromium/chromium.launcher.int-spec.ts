import { FIXTURE_CHROMIUM_ARGS, SYSTEM_CHROMIUM_PATH } from '@webbyflow/testing';
import { ChromiumLauncher } from './chromium.launcher';

const options = {
  executablePath: SYSTEM_CHROMIUM_PATH,
  headless: true,
  extraArgs: [...FIXTURE_CHROMIUM_ARGS],
  launchTimeoutMs: 20_000,
};

describe(ChromiumLauncher.name, () => {
  const launcher = new ChromiumLauncher(options);

  afterAll(() => launcher.close());

  it('should launch one browser when callers ask at the same time', async () => {
    const [a, b] = await Promise.all([launcher.acquire(), launcher.acquire()]);
    expect(a).toBe(b);
    expect(a.browser.isConnected()).toBe(true);
    expect(launcher.running).toBe(a);
  });

  it('should report the generation and relaunch when the browser goes away', async () => {
    const before = await launcher.acquire();
    const gone: number[] = [];
    const unsubscribe = launcher.onDisconnected((generation) => gone.push(generation));
    await before.browser.close();
    expect(gone).toEqual([before.generation]);
    expect(launcher.running).toBeUndefined();
    const after = await launcher.acquire();
    expect(after.generation).toBe(before.generation + 1);
    unsubscribe();
  });

  it('should reject without launching when the signal is already aborted', async () => {
    await launcher.close();
    await expect(launcher.acquire(AbortSignal.abort(new Error('stop')))).rejects.toThrow('stop');
    expect(launcher.running).toBeUndefined();
  });

  it('should fail when the executable does not exist', async () => {
    const broken = new ChromiumLauncher({ ...options, executablePath: '/nonexistent/chromium' });
    await expect(broken.acquire()).rejects.toThrow(/nonexistent/);
  });
});

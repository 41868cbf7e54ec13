import { readdirSync, readFileSync } from 'node:fs';
import { FIXTURE_CHROMIUM_ARGS, startFixtureServer, waitFor, type FixtureServer } from '@webbyflow/testing';
import { ActionExecutor } from './action-executor.service';
import { BrowserExceptionCode } from './browser.exception';
import { resolveBrowserConfig } from './browser.config';
import { BrowserSessionManager } from './browser-session.manager';
import { ChromiumLauncher } from './chromium/chromium.launcher';
import { PageScraper } from './page-scraper.service';

const config = resolveBrowserConfig({
  extraArgs: [...FIXTURE_CHROMIUM_ARGS],
  maxContexts: 2,
  navigationTimeoutMs: 5_000,
  settleTimeoutMs: 1_000,
});
/** Pids of the Chromium processes this test process spawned (Playwright has no Browser.process() for launched browsers). */
function chromiumChildPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const stat = /^\d+ \((.*)\) \S (\d+)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'));
        return stat && stat[1].startsWith('chromium') && Number(stat[2]) === process.pid ? [Number(pid)] : [];
      } catch {
        return [];
      }
    });
}

const wait = (ms: number) => ({ type: 'wait' as const, ms, reasoning: '' });

describe(BrowserSessionManager.name, () => {
  let server: FixtureServer;
  let launcher: ChromiumLauncher;
  let manager: BrowserSessionManager;
  const executor = new ActionExecutor(config);
  const scraper = new PageScraper(config);

  beforeAll(async () => {
    server = await startFixtureServer();
    launcher = new ChromiumLauncher(config);
  });

  beforeEach(() => {
    manager = new BrowserSessionManager(launcher, config);
  });

  afterEach(async () => {
    await manager.closeAll('test done');
    manager.dispose();
  });

  afterAll(async () => {
    await launcher.close();
    await server.close();
  });

  it('should open the page and return the same session when open is redelivered', async () => {
    const session = await manager.open('task-a', `${server.baseUrl}/contact`);
    expect(session.page.url()).toBe(`${server.baseUrl}/contact`);
    expect(manager.get('task-a')).toBe(session);
    expect(await manager.open('task-a', `${server.baseUrl}/contact`)).toBe(session);
    expect(manager.liveCount).toBe(1);
  });

  it('should isolate cookies between sessions when two tasks run', async () => {
    const a = await manager.open('iso-a', `${server.baseUrl}/`);
    const b = await manager.open('iso-b', `${server.baseUrl}/`);
    await a.context.addCookies([{ name: 'k', value: 'a', url: server.baseUrl }]);
    expect(await b.context.cookies()).toEqual([]);
  });

  it('should refuse a session over the cap and accept one again when a slot frees', async () => {
    await manager.open('cap-1', `${server.baseUrl}/`);
    await manager.open('cap-2', `${server.baseUrl}/`);
    await expect(manager.open('cap-3', `${server.baseUrl}/`)).rejects.toMatchObject({
      code: BrowserExceptionCode.SESSION_LIMIT_REACHED,
      terminal: false,
    });
    expect(await manager.close('cap-1')).toBe(true);
    await expect(manager.open('cap-3', `${server.baseUrl}/`)).resolves.toBeDefined();
  });

  it('should throw SESSION_NOT_FOUND when the task has no session', async () => {
    expect(() => manager.get('nobody')).toThrow(
      expect.objectContaining({ code: BrowserExceptionCode.SESSION_NOT_FOUND }),
    );
    expect(await manager.close('nobody')).toBe(false);
  });

  it('should fail without keeping a context when the first navigation fails', async () => {
    await expect(manager.open('bad-host', 'http://nowhere.example/')).rejects.toMatchObject({
      code: BrowserExceptionCode.NAVIGATION_FAILED,
    });
    await expect(manager.open('bad-scheme', 'file:///etc/passwd')).rejects.toMatchObject({
      code: BrowserExceptionCode.INVALID_ACTION,
    });
    expect(manager.liveCount).toBe(0);
    expect(manager.has('bad-host')).toBe(false);
  });

  it('should abort a running wait when the session is closed', async () => {
    const session = await manager.open('close-wait', `${server.baseUrl}/slow`);
    const started = performance.now();
    const pending = executor.execute(session, wait(20_000));
    const closed = manager.close('close-wait', 'task canceled');
    await expect(pending).rejects.toMatchObject({ code: BrowserExceptionCode.SESSION_CLOSED, terminal: true });
    await closed;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(session.state).toBe('closed');
    expect(() => manager.get('close-wait')).toThrow(
      expect.objectContaining({ code: BrowserExceptionCode.SESSION_NOT_FOUND }),
    );
  });

  it('should mark every session lost and relaunch on next open when Chromium is killed', async () => {
    const one = await manager.open('crash-1', `${server.baseUrl}/`);
    const two = await manager.open('crash-2', `${server.baseUrl}/contact`);
    const generation = one.generation;
    const pending = executor.execute(one, wait(20_000));
    const reported: string[] = [];
    const unsubscribe = manager.onSessionLost((taskId) => reported.push(taskId));

    const pids = chromiumChildPids();
    expect(pids).toEqual([await launcher.processId()]);
    process.kill(pids[0], 'SIGKILL');

    await expect(pending).rejects.toMatchObject({ code: BrowserExceptionCode.SESSION_LOST });
    await waitFor(() => two.state === 'lost', { what: 'second session marked lost' });
    expect(() => manager.get('crash-2')).toThrow(expect.objectContaining({ code: BrowserExceptionCode.SESSION_LOST }));
    await expect(executor.execute(two, wait(1))).rejects.toMatchObject({ code: BrowserExceptionCode.SESSION_LOST });
    await expect(scraper.scrape(two)).rejects.toMatchObject({ code: BrowserExceptionCode.SESSION_LOST });
    expect(manager.liveCount).toBe(0);
    expect(reported.sort()).toEqual(['crash-1', 'crash-2']);
    unsubscribe();

    const fresh = await manager.open('crash-1', `${server.baseUrl}/login`);
    expect(fresh).not.toBe(one);
    expect(fresh.generation).toBe(generation + 1);
    expect((await scraper.scrape(fresh, { screenshot: false })).tree.title).toBe('Sign in · Fixture Corp');
    expect(await manager.close('crash-2')).toBe(true);
  });

  it('should relaunch Chromium once idle when it has served its quota of contexts', async () => {
    const recycling = new BrowserSessionManager(launcher, { ...config, recycleAfterContexts: 1 });
    const first = await recycling.open('recycle-1', `${server.baseUrl}/`);
    await recycling.close('recycle-1');
    const second = await recycling.open('recycle-2', `${server.baseUrl}/`);
    expect(second.generation).toBe(first.generation + 1);
    await recycling.closeAll();
    recycling.dispose();
  });

  it('should hand a context opened ahead to the next session with default settings only', async () => {
    const first = await manager.open('spare-1', `${server.baseUrl}/`);
    const browser = first.context.browser();
    await manager.close('spare-1');
    await waitFor(() => browser?.contexts().length === 1, { what: 'the spare context' });
    const [spare] = browser?.contexts() ?? [];

    const custom = await manager.open('spare-ua', `${server.baseUrl}/`, { browser: { userAgent: 'Spare-Test/1.0' } });
    const plain = await manager.open('spare-2', `${server.baseUrl}/contact`);

    expect(custom.context).not.toBe(spare);
    expect(plain.context).toBe(spare);
    // the spare has the scrape's init scripts: the page's activity watch answers
    expect(await plain.page.evaluate(() => '__webbyflowIdle' in window)).toBe(true);
    expect((await scraper.scrape(plain, { screenshot: false })).tree.title).toBe('Contact us · Fixture Corp');
    await manager.closeAll();
    expect(browser?.contexts()).toEqual([]);
  });

  it('should return the storage state to save only when the task asked to save its profile', async () => {
    const saving = await manager.open('profile-save', `${server.baseUrl}/`, { browser: { saveProfile: true } });
    await saving.context.addCookies([{ name: 'kept', value: 'yes', url: server.baseUrl }]);
    await saving.page.evaluate(() => localStorage.setItem('note', 'hi'));
    const plain = await manager.open('profile-none', `${server.baseUrl}/`);
    await plain.context.addCookies([{ name: 'dropped', value: 'yes', url: server.baseUrl }]);

    const state = await manager.profileToSave('profile-save');
    expect(state?.cookies).toEqual([expect.objectContaining({ name: 'kept', value: 'yes' })]);
    expect(state?.origins).toEqual([{ origin: server.baseUrl, localStorage: [{ name: 'note', value: 'hi' }] }]);
    expect(await manager.profileToSave('profile-none')).toBeUndefined();
    expect(await manager.profileToSave('nobody')).toBeUndefined();
  });

  it('should keep the local storage of an origin the run has left in its state snapshot, read without loading it', async () => {
    const other = await startFixtureServer();
    try {
      const session = await manager.open('state-origins', `${server.baseUrl}/`);
      await session.page.evaluate(() => localStorage.setItem('first', '1'));
      expect((await manager.stateSnapshot('state-origins')).storageState.origins).toEqual([
        { origin: server.baseUrl, localStorage: [{ name: 'first', value: '1' }] },
      ]);
      await session.page.goto(`${other.baseUrl}/`);
      await session.page.evaluate(() => localStorage.setItem('second', '2'));
      const requests: string[] = [];
      session.context.on('request', (request) => requests.push(request.url()));
      const { url, storageState } = await manager.stateSnapshot('state-origins');
      expect(url).toBe(`${other.baseUrl}/`);
      expect(storageState.origins).toEqual([
        { origin: server.baseUrl, localStorage: [{ name: 'first', value: '1' }] },
        { origin: other.baseUrl, localStorage: [{ name: 'second', value: '2' }] },
      ]);
      expect(requests).toEqual([]); // the first origin was not loaded again to read it
      await manager.close('state-origins');
    } finally {
      await other.close();
    }
  });

  it('should refuse a profile id without a profile store and an unusable option before opening a context', async () => {
    await expect(
      manager.open('no-store', `${server.baseUrl}/`, { browser: { profileArtifactId: crypto.randomUUID() } }),
    ).rejects.toMatchObject({
      code: BrowserExceptionCode.INVALID_BROWSER_OPTIONS,
      message: expect.stringMatching(/^browser\.profileArtifactId /),
    });
    await expect(
      manager.open('bad-zone', `${server.baseUrl}/`, { browser: { timezoneId: 'Nowhere/Town' } }),
    ).rejects.toMatchObject({ code: BrowserExceptionCode.INVALID_BROWSER_OPTIONS, terminal: true });
    expect(manager.liveCount).toBe(0);
    expect(manager.has('bad-zone')).toBe(false);
  });

  it('should throw ABORTED and keep no context when the caller aborts an open', async () => {
    await expect(
      manager.open('aborted', `${server.baseUrl}/`, { signal: AbortSignal.abort(new Error('canceled')) }),
    ).rejects.toMatchObject({
      code: BrowserExceptionCode.ABORTED,
    });
    expect(manager.liveCount).toBe(0);
  });
});

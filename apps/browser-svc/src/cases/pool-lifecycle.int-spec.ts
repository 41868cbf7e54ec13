import { BrowserSessionManager, ChromiumLauncher } from '@webbyflow/browser';
import { waitFor } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('browser pool: Chromium crash and recycle', () => {
  let h: BrowserSvcHarness;
  let launcher: ChromiumLauncher;

  beforeAll(async () => {
    // Recycle after every context, once idle: the crash test keeps two sessions busy, so only the recycle test
    // (which opens one at a time) sees a planned relaunch.
    h = await BrowserSvcHarness.start({ BROWSER_RECYCLE_AFTER_CONTEXTS: '1' });
    launcher = h.app.get(ChromiumLauncher);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const ready = (taskId: string) => h.page(taskId).locator('body[data-ready="yes"]').waitFor();

  async function close(taskId: string): Promise<void> {
    const opened = await h.events.waitFor('webbyflow.evt.browser.session_opened.v1', (e) => e.correlationId === taskId);
    await h.bus.publish(
      'webbyflow.cmd.browser.close_session.v1',
      { taskId, reason: 'test done' },
      { id: `${taskId}:close_session`, correlationId: taskId, causationId: null, orgId: opened.orgId },
      { route: opened.payload.browserInstanceId },
    );
    await h.events.waitFor('webbyflow.evt.browser.session_closed.v1', (e) => e.correlationId === taskId);
  }

  async function chromiumPid(): Promise<number> {
    const pid = await launcher.processId();
    if (!pid) throw new Error('no Chromium is running');
    return pid;
  }

  it('should report SESSION_LOST for every session and open the next task on a relaunched Chromium when Chromium is killed', async () => {
    const one = await h.open('pool-echo.html');
    const two = await h.open('pool-echo.html');
    const generation = launcher.running!.generation;
    const pid = await chromiumPid();

    process.kill(pid, 'SIGKILL');

    for (const taskId of [one, two]) {
      const failed = await h.events.waitFor('webbyflow.evt.browser.failed.v1', (e) => e.correlationId === taskId);
      expect(failed.payload).toMatchObject({
        taskId,
        stepIndex: null,
        operation: 'webbyflow.cmd.browser.open_session.v1',
        error: { code: 'SESSION_LOST', terminal: true, message: expect.stringContaining('Chromium disconnected') },
      });
      expect(failed.causationId).toBe(`${taskId}:open_session`);
    }
    await waitFor(() => !isAlive(pid), { what: 'the killed Chromium to be gone' });

    const after = await h.open('pool-echo.html');
    await ready(after);
    expect(await h.page(after).locator('#img-same').getAttribute('data-state')).toBe('loaded');
    expect(launcher.running!.generation).toBe(generation + 1);
    expect(await chromiumPid()).not.toBe(pid);
    expect(h.events.forTask(after).map((e) => e.subject)).not.toContain('webbyflow.evt.browser.failed.v1');
    await Promise.all([one, two, after].map(close));
    expect(h.app.get(BrowserSessionManager).liveCount).toBe(0);
  });

  it('should relaunch Chromium quietly once idle when it has served its quota of contexts', async () => {
    const first = await h.open('pool-echo.html');
    const generation = launcher.running!.generation;
    const pid = await chromiumPid();
    await close(first);

    const second = await h.open('pool-echo.html');
    await ready(second);

    expect(launcher.running!.generation).toBe(generation + 1);
    expect(await chromiumPid()).not.toBe(pid);
    await waitFor(() => !isAlive(pid), { what: 'the recycled Chromium to exit' });
    for (const taskId of [first, second])
      expect(h.events.forTask(taskId).map((e) => e.subject)).not.toContain('webbyflow.evt.browser.failed.v1');
    await close(second);
  });
});

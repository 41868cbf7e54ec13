import { BrowserSessionManager } from '@webbyflow/browser';
import { BROWSER_STATE_BUCKET } from '@webbyflow/contracts';
import { KvBuckets } from '@webbyflow/messaging';
import { waitFor } from '@webbyflow/testing';
import { BROWSER_SVC_CONFIG, type BrowserSvcConfig } from '../config/browser-svc.config';
import { SessionStates } from '../sessions/session-states';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe(SessionStates.name, () => {
  let h: BrowserSvcHarness;
  let sessions: BrowserSessionManager;

  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
    sessions = h.app.get(BrowserSessionManager);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const saved = async (taskId: string) => (await h.app.get(KvBuckets).open(BROWSER_STATE_BUCKET)).get(taskId);
  /** What the recovery coordinator sends after a loss: a replacement open at the step's URL. */
  async function reopen(taskId: string, url: string): Promise<void> {
    await h.bus.publish(
      'webbyflow.cmd.browser.open_session.v1',
      { taskId, url, reopen: 'r1' },
      { id: `${taskId}:recovery:r1:open_session`, correlationId: taskId, causationId: null, orgId: 'org-harness' },
    );
    await h.events.waitFor(
      'webbyflow.evt.browser.session_opened.v1',
      (e) => e.id === `${taskId}:r1:session_opened` && e.correlationId === taskId,
    );
  }

  it('should reopen a lost session at its last URL with its cookies and local storage when a snapshot was taken', async () => {
    const taskId = await h.open('page-history-a.html');
    const page = h.page(taskId);
    await page.context().addCookies([{ name: 'cart', value: 'mug-42', url: h.caseUrl('page-history-a.html') }]);
    await page.evaluate(() => localStorage.setItem('draft', 'shipping to Springfield'));
    await h.scrape(taskId);
    const result = await h.act(taskId, { type: 'goto_url', url: h.caseUrl('page-history-b.html'), reasoning: '' });
    expect(result.success).toBe(true);
    expect((await saved(taskId))?.value.url).toBe(h.caseUrl('page-history-b.html'));

    await sessions.close(taskId, 'lost'); // the context dies with no close_session: its snapshot stays
    await reopen(taskId, h.caseUrl('page-history-a.html'));

    const restored = h.page(taskId);
    expect(restored.url()).toBe(h.caseUrl('page-history-b.html'));
    expect((await restored.context().cookies()).map((c) => [c.name, c.value])).toEqual([['cart', 'mug-42']]);
    expect(await restored.evaluate(() => localStorage.getItem('draft'))).toBe('shipping to Springfield');
  });

  it('should reopen at the given URL with an empty state when the run has no snapshot', async () => {
    const taskId = await h.open('page-history-a.html');
    await sessions.close(taskId, 'lost');
    await reopen(taskId, h.caseUrl('page-history-b.html'));
    const restored = h.page(taskId);
    expect(restored.url()).toBe(h.caseUrl('page-history-b.html'));
    expect(await restored.context().cookies()).toEqual([]);
  });

  it('should delete the snapshot when the session is closed by its run', async () => {
    const taskId = await h.open('page-history-a.html');
    await h.scrape(taskId);
    await h.act(taskId, { type: 'goto_url', url: h.caseUrl('page-history-b.html'), reasoning: '' });
    expect(await saved(taskId)).not.toBeNull();
    await h.bus.publish(
      'webbyflow.cmd.browser.close_session.v1',
      { taskId, reason: 'completed' },
      { id: `${taskId}:close_session`, correlationId: taskId, causationId: null, orgId: 'org-harness' },
      { route: h.app.get<BrowserSvcConfig>(BROWSER_SVC_CONFIG).INSTANCE_ID },
    );
    await waitFor(async () => (await saved(taskId)) === null, { what: 'the snapshot to be deleted' });
  });
});

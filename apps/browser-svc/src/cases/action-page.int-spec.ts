import { jetstreamManager } from '@nats-io/jetstream';
import { BrowserSessionManager } from '@webbyflow/browser';
import { COMMANDS_STREAM, type BrowserActionV1 } from '@webbyflow/contracts';
import { waitFor } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

/** How the harness addresses its browser-svc: commands for a session go to this instance. */
const HARNESS = { instance: 'browser-harness', org: 'org-harness' };

describe('actions: scrolling and waiting', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterEach(() => h.app.get(BrowserSessionManager).closeAll('case done'));
  afterAll(async () => {
    await h?.stop();
  });

  const stories = (taskId: string) => h.page(taskId).locator('#feed article').count();
  const wait = (fields: Omit<Extract<BrowserActionV1, { type: 'wait' }>, 'type' | 'reasoning'>): BrowserActionV1 => ({
    type: 'wait',
    reasoning: '',
    ...fields,
  });

  it('should load more stories when scrolling to the bottom of an infinite feed', async () => {
    const taskId = await h.open('action-infinite-scroll.html?reportAfter=60000');
    await h.act(taskId, wait({ ms: 5_000, text: '1 page(s) loaded' }));
    expect(await stories(taskId)).toBe(20);

    // The settle after each scroll waits for the feed request and the new stories, so no wait is needed.
    await h.act(taskId, { type: 'scroll', direction: 'bottom', reasoning: '' });
    expect(await stories(taskId)).toBe(40);
    await h.act(taskId, { type: 'scroll', direction: 'bottom', reasoning: '' });

    const { tree } = await h.scrape(taskId);
    expect(tree.text).toContain('Story 60');
    expect(tree.text).toContain('No more stories');
  });

  it('should wait for text, for an element to show and for the page to settle, each within its cap', async () => {
    const taskId = await h.open('action-infinite-scroll.html?reportAfter=800');
    const text = await h.act(taskId, wait({ ms: 5_000, text: 'report READY' }));
    expect(text).toMatchObject({ success: true, outcome: 'done' });
    expect(text.durationMs).toBeLessThan(3_000);
    expect(await h.page(taskId).getByText('Report ready').isVisible()).toBe(true);

    const settled = await h.act(taskId, wait({ ms: 5_000, settle: true }));
    expect(settled).toMatchObject({ success: true });
    expect(settled.durationMs).toBeLessThan(4_000);

    const never = await h.act(taskId, wait({ ms: 400, text: 'Story 999' }));
    expect(never).toMatchObject({
      success: false,
      outcome: 'not_done',
      error: { code: 'ACTION_TIMEOUT', message: expect.stringContaining('"Story 999" did not appear') },
    });
  });

  it('should wait for a hidden element of the latest scrape to become visible', async () => {
    const taskId = await h.open('action-infinite-scroll.html?reportAfter=1000');
    await h.act(taskId, wait({ ms: 5_000, text: '1 page(s) loaded' }));
    const { tree } = await h.scrape(taskId);
    const read = h.element(tree, 'link', 'Read Story 1');
    await h
      .page(taskId)
      .locator('#feed article')
      .first()
      .evaluate((e: HTMLElement) => (e.hidden = true));
    setTimeout(
      () =>
        void h
          .page(taskId)
          .locator('#feed article')
          .first()
          .evaluate((e: HTMLElement) => (e.hidden = false)),
      500,
    );

    const result = await h.act(taskId, wait({ ms: 5_000, elementId: read.id }));
    expect(result).toMatchObject({ success: true });
    expect(await h.page(taskId).getByText('Read Story 1', { exact: true }).isVisible()).toBe(true);
  });

  it('should abort a long wait within 2 s when the session is closed', async () => {
    const taskId = await h.open('action-infinite-scroll.html');
    const meta = (key: string) => ({
      id: `${taskId}:${key}`,
      correlationId: taskId,
      causationId: null,
      orgId: HARNESS.org,
    });
    const route = { route: HARNESS.instance };
    await h.bus.publish(
      'webbyflow.cmd.browser.execute_action.v1',
      { taskId, stepIndex: 0, actionIndex: 0, action: wait({ ms: 25_000, text: 'never shown' }) },
      meta('s0:a0:execute_action'),
      route,
    );
    const jsm = await jetstreamManager(h.nc);
    await waitFor(
      async () => (await jsm.consumers.info(COMMANDS_STREAM, `browser-${HARNESS.instance}`)).num_ack_pending === 1,
      { what: 'the wait in flight' },
    );
    const started = Date.now();

    await h.bus.publish('webbyflow.cmd.browser.close_session.v1', { taskId, reason: 'canceled' }, meta('close'), route);
    const failed = await h.events.waitFor(
      'webbyflow.evt.browser.failed.v1',
      (e) => e.correlationId === taskId && e.payload.operation === 'webbyflow.cmd.browser.execute_action.v1',
    );

    expect(failed.payload.error).toMatchObject({ code: 'SESSION_CLOSED' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

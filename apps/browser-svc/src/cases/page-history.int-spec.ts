import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe('page actions: history and reload', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Heading and sessionStorage load counter of the task's page, as the page shows them. */
  const shown = async (taskId: string) => ({
    heading: await h.page(taskId).locator('h1').textContent(),
    loads: await h.page(taskId).locator('#loads').textContent(),
  });

  it('should go back to A and forward to B, and keep the tab’s sessionStorage across a reload', async () => {
    const taskId = await h.open('page-history-a.html');
    const { tree } = await h.scrape(taskId);
    const toB = await h.act(taskId, { type: 'click', elementId: h.element(tree, 'link', 'page B').id, reasoning: '' });
    expect(toB).toMatchObject({ success: true, url: h.caseUrl('page-history-b.html') });
    expect(await shown(taskId)).toEqual({ heading: 'Page B', loads: '1' });

    expect(await h.act(taskId, { type: 'go_back', reasoning: '' })).toMatchObject({
      success: true,
      url: h.caseUrl('page-history-a.html'),
    });
    expect(await shown(taskId)).toEqual({ heading: 'Page A', loads: '2' });

    expect(await h.act(taskId, { type: 'go_forward', reasoning: '' })).toMatchObject({
      success: true,
      url: h.caseUrl('page-history-b.html'),
    });
    expect(await shown(taskId)).toEqual({ heading: 'Page B', loads: '2' });
    expect(await h.act(taskId, { type: 'reload', reasoning: '' })).toMatchObject({ success: true });
    expect(await shown(taskId)).toEqual({ heading: 'Page B', loads: '3' });
  });

  it('should fail at once, and stay on the page, when there is no history entry to go to', async () => {
    const taskId = await h.open('page-history-a.html');

    // every tab starts on about:blank; going back to it is not a page the run has seen
    const back = await h.act(taskId, { type: 'go_back', reasoning: '' });
    expect(back).toMatchObject({
      success: false,
      error: { code: 'NAVIGATION_FAILED', message: expect.stringContaining('no previous page') },
      url: h.caseUrl('page-history-a.html'),
    });
    expect(back.durationMs).toBeLessThan(5_000);
    expect(await h.act(taskId, { type: 'go_forward', reasoning: '' })).toMatchObject({
      success: false,
      error: { code: 'NAVIGATION_FAILED', message: expect.stringContaining('no next page') },
    });
    expect(await shown(taskId)).toEqual({ heading: 'Page A', loads: '1' });
  });
});

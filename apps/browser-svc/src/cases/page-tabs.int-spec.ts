import { waitFor } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe('page actions: tabs and popups', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Text of an element on the task's active page. */
  const text = (taskId: string, selector: string) => h.page(taskId).locator(selector).textContent();
  const click = async (taskId: string, role: string, name: string) => {
    const { tree } = await h.scrape(taskId);
    return h.act(taskId, { type: 'click', elementId: h.element(tree, role, name).id, reasoning: '' });
  };

  it('should follow a target=_blank link into a new tab, scrape it, switch back and close it', async () => {
    const taskId = await h.open('page-tabs.html');

    expect(await click(taskId, 'link', 'in a new tab')).toMatchObject({
      success: true,
      openedTabs: ['t1'],
      tabId: 't1',
      url: h.caseUrl('page-tabs-report.html?via=link'),
    });
    const { tree } = await h.scrape(taskId);
    expect(tree.title).toBe('Quarterly report');
    expect(tree.tabs).toEqual([
      { id: 't0', url: h.caseUrl('page-tabs.html'), title: 'Reports', active: false },
      { id: 't1', url: h.caseUrl('page-tabs-report.html?via=link'), title: 'Quarterly report', active: true },
    ]);
    expect(await text(taskId, '#opener')).toBe('without an opener');
    expect(await click(taskId, 'button', 'Mark the report as seen')).toMatchObject({ success: true, tabId: 't1' });

    expect(await h.act(taskId, { type: 'switch_tab', tabId: 't0', reasoning: '' })).toMatchObject({
      success: true,
      tabId: 't0',
      url: h.caseUrl('page-tabs.html'),
    });
    // the opener heard the report tab's localStorage write: both tabs really ran
    await waitFor(async () => (await text(taskId, '#seen')) === 'seen via link', { what: 'storage event in t0' });

    const closed = await h.act(taskId, { type: 'close_tab', tabId: 't1', reasoning: '' });
    expect(closed).toMatchObject({ success: true, url: h.caseUrl('page-tabs.html') });
    expect(closed.tabId).toBeUndefined();
    const after = (await h.scrape(taskId)).tree;
    expect(after.tabs).toBeUndefined();
    expect(after.title).toBe('Reports');
  });

  it('should make a window.open popup the active tab and return to its opener when it closes', async () => {
    const taskId = await h.open('page-tabs.html');

    expect(await click(taskId, 'button', 'in a popup')).toMatchObject({
      success: true,
      openedTabs: ['t1'],
      tabId: 't1',
    });
    expect(await text(taskId, '#via')).toBe('popup');
    expect(await text(taskId, '#opener')).toBe('with an opener');

    expect(await h.act(taskId, { type: 'close_tab', reasoning: '' })).toMatchObject({
      success: true,
      url: h.caseUrl('page-tabs.html'),
    });
    expect(await text(taskId, '#popup-status')).toBe('opened');
  });

  it('should open a tab on a URL, and refuse an unknown tab and closing the last one', async () => {
    const taskId = await h.open('page-tabs.html');

    const opened = await h.act(taskId, {
      type: 'new_tab',
      url: h.caseUrl('page-tabs-report.html?via=new_tab'),
      reasoning: '',
    });
    expect(opened).toMatchObject({ success: true, openedTabs: ['t1'], tabId: 't1' });
    expect(await text(taskId, '#via')).toBe('new_tab');

    expect(await h.act(taskId, { type: 'switch_tab', tabId: 't7', reasoning: '' })).toMatchObject({
      success: false,
      error: { code: 'INVALID_ACTION', message: 'No tab t7; open tabs are t0, t1' },
      tabId: 't1',
    });
    expect(await h.act(taskId, { type: 'close_tab', reasoning: '' })).toMatchObject({ success: true });
    expect(await h.act(taskId, { type: 'close_tab', reasoning: '' })).toMatchObject({
      success: false,
      error: { code: 'INVALID_ACTION', message: expect.stringContaining('only open tab') },
    });
    expect(await text(taskId, 'h1')).toBe('Reports');
  });
});

import type { BrowserOptionsV1 } from '@webbyflow/contracts';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe('page actions: alerts, confirms, prompts and beforeunload', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Opens the dialogs page, clicks each button in turn and returns the results and what the page shows. */
  const clickThrough = async (browser?: BrowserOptionsV1) => {
    const taskId = await h.open('page-dialogs.html', browser);
    const { tree } = await h.scrape(taskId);
    const click = (name: string) =>
      h.act(taskId, { type: 'click', elementId: h.element(tree, 'button', name).id, reasoning: '' });
    const results = [await click('Show notice'), await click('Delete account'), await click('Rename account')];
    const shown = await h
      .page(taskId)
      .evaluate(() => ['alert', 'confirm', 'prompt'].map((id) => document.getElementById(`${id}-result`)?.textContent));
    return { taskId, tree, results, shown };
  };

  it('should accept every dialog by default, answer a prompt with its default, and report them once', async () => {
    const { taskId, results, shown } = await clickThrough();

    expect(shown).toEqual(['acknowledged', 'deleted', 'Ada Lovelace']);
    const dialogs = [
      { type: 'alert', message: 'Your trial ends tomorrow', handled: 'accepted' },
      { type: 'confirm', message: 'Really delete the account?', handled: 'accepted' },
      { type: 'prompt', message: 'New account name', handled: 'accepted', promptText: 'Ada Lovelace' },
    ];
    expect(results.map((r) => ({ success: r.success, dialogs: r.dialogs }))).toEqual(
      dialogs.map((d) => ({ success: true, dialogs: [d] })),
    );
    expect((await h.scrape(taskId)).tree.dialogs).toEqual(dialogs);
    expect((await h.scrape(taskId)).tree.dialogs).toBeUndefined();
  });

  it('should dismiss confirms, prompts and beforeunload under the dismiss policy but still accept alerts', async () => {
    const { taskId, tree, results, shown } = await clickThrough({ dialogs: 'dismiss' });

    expect(shown).toEqual(['acknowledged', 'kept', 'unchanged (prompt cancelled)']);
    expect(results.map((r) => r.dialogs?.map((d) => `${d.type}:${d.handled}`))).toEqual([
      ['alert:accepted'],
      ['confirm:dismissed'],
      ['prompt:dismissed'],
    ]);

    const unsaved = h.element(tree, 'checkbox', 'unsaved changes');
    expect(
      await h.act(taskId, { type: 'checkbox', elementId: unsaved.id, checked: true, reasoning: '' }),
    ).toMatchObject({ success: true });
    const leave = await h.act(taskId, { type: 'goto_url', url: h.caseUrl('page-history-a.html'), reasoning: '' });
    expect(leave).toMatchObject({
      success: false,
      error: { code: 'NAVIGATION_FAILED' },
      dialogs: [{ type: 'beforeunload', handled: 'dismissed' }],
      url: h.caseUrl('page-dialogs.html'),
    });
    expect(await h.page(taskId).locator('#unsaved').isChecked()).toBe(true);
  });

  it('should leave a page with unsaved changes when beforeunload is accepted', async () => {
    const taskId = await h.open('page-dialogs.html');
    const { tree } = await h.scrape(taskId);
    const unsaved = h.element(tree, 'checkbox', 'unsaved changes');
    await h.act(taskId, { type: 'checkbox', elementId: unsaved.id, checked: true, reasoning: '' });

    const leave = await h.act(taskId, { type: 'goto_url', url: h.caseUrl('page-history-a.html'), reasoning: '' });
    expect(leave).toMatchObject({ success: true, dialogs: [{ type: 'beforeunload', handled: 'accepted' }] });
    expect(await h.page(taskId).locator('h1').textContent()).toBe('Page A');
  });
});

import { BrowserSvcHarness } from './browser-svc.harness';

describe('BrowserSvcHarness', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('should open a case page, type and click through browser-svc, and read the page state back', async () => {
    const taskId = await h.open('harness-smoke.html');
    const { tree } = await h.scrape(taskId);
    const name = h.element(tree, 'textbox', 'Name');
    const greet = h.element(tree, 'button', 'Greet');

    expect(
      await h.act(taskId, { type: 'input_text', elementId: name.id, text: 'Ada', pressEnter: false, reasoning: '' }),
    ).toMatchObject({ success: true });
    expect(await h.act(taskId, { type: 'click', elementId: greet.id, reasoning: '' })).toMatchObject({ success: true });
    expect(await h.page(taskId).locator('#out').textContent()).toBe('Hello Ada');
  });
});

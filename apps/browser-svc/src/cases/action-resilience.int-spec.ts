import { BrowserSessionManager } from '@webbyflow/browser';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe('actions: stale elements, side effects and CAPTCHAs', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    // A short action deadline, so the checkout button's 2.5 s handler outlives it. No read-ahead: these cases
    // look at the page's id tags right after an action, and the scrape read ahead then re-tags a refound element.
    h = await BrowserSvcHarness.start({ BROWSER_ACTION_TIMEOUT_MS: '1500', BROWSER_READ_AHEAD: 'false' });
  });
  afterEach(() => h.app.get(BrowserSessionManager).closeAll('case done'));
  afterAll(async () => {
    await h?.stop();
  });

  const text = (taskId: string, selector: string) => h.page(taskId).locator(selector).textContent();

  it('should land a click on an element that re-rendered after the scrape and report its new id', async () => {
    const taskId = await h.open('action-resilience.html');
    const { tree } = await h.scrape(taskId);
    const addTea = h.element(tree, 'button', 'Add Tea');
    // One plan, ids from one scrape: the first click re-renders the list under the second.
    await h.act(taskId, { type: 'click', elementId: h.element(tree, 'button', 'Refresh prices').id, reasoning: '' });
    const result = await h.act(taskId, { type: 'click', elementId: addTea.id, reasoning: '' });

    expect(result).toMatchObject({ success: true, outcome: 'done', refoundAs: expect.stringMatching(/^e\d+r\d+$/) });
    expect(await text(taskId, '#basket')).toBe('Tea (v2);');
    const refound = await h.page(taskId).locator(`[data-wf-id="${result.refoundAs}"]`).textContent();
    expect(refound).toBe('Add Tea');
  });

  it('should fail with ELEMENT_STALE and click nothing when the element cannot be found again confidently', async () => {
    const taskId = await h.open('action-resilience.html');
    const { tree } = await h.scrape(taskId);
    const addTea = h.element(tree, 'button', 'Add Tea');
    await h.page(taskId).evaluate(() => {
      document.getElementById('products')!.innerHTML =
        '<button type="button">Add Tea</button><button type="button">Add Tea</button>';
    });
    const result = await h.act(taskId, { type: 'click', elementId: addTea.id, reasoning: '' });

    expect(result).toMatchObject({
      success: false,
      outcome: 'not_done',
      error: { code: 'ELEMENT_STALE', message: expect.stringContaining('match equally well') },
    });
    expect(await text(taskId, '#basket')).toBe('');
  });

  it('should report a submit that outlived its deadline as outcome unknown and never click it twice', async () => {
    const taskId = await h.open('action-resilience.html');
    const { tree } = await h.scrape(taskId);
    const result = await h.act(taskId, {
      type: 'click',
      elementId: h.element(tree, 'button', 'Place order').id,
      reasoning: '',
    });

    expect(result).toMatchObject({
      success: false,
      outcome: 'unknown',
      error: { code: 'ACTION_TIMEOUT', message: expect.stringContaining('may have submitted the form') },
    });
    // The handler finished after the deadline: the order went through exactly once.
    expect(await text(taskId, '#orders')).toBe('1');
  });

  it('should refuse a CAPTCHA widget at once with CAPTCHA_UNSUPPORTED', async () => {
    const taskId = await h.open('action-resilience.html');
    const { tree } = await h.scrape(taskId);
    const result = await h.act(taskId, {
      type: 'click',
      elementId: h.element(tree, 'checkbox', 'not a robot').id,
      reasoning: '',
    });

    expect(result).toMatchObject({
      success: false,
      outcome: 'not_done',
      error: { code: 'CAPTCHA_UNSUPPORTED', message: expect.stringContaining('recaptcha') },
    });
    expect(result.durationMs).toBeLessThan(1_000);
    expect(await h.page(taskId).locator('#robot').getAttribute('aria-checked')).toBe('false');
  });
});

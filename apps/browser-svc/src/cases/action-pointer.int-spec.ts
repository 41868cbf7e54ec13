import { BrowserSessionManager } from '@webbyflow/browser';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe('actions: clicks, hover and drag and drop', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterEach(() => h.app.get(BrowserSessionManager).closeAll('case done'));
  afterAll(async () => {
    await h?.stop();
  });

  const text = (taskId: string, selector: string) => h.page(taskId).locator(selector).textContent();

  it('should open a file on double click and its own context menu on right click', async () => {
    const taskId = await h.open('action-clicks.html');
    const { tree } = await h.scrape(taskId);
    const report = h.element(tree, 'button', 'report.pdf');
    const photo = h.element(tree, 'button', 'photo.png');

    expect(await h.act(taskId, { type: 'click', elementId: report.id, mode: 'double', reasoning: '' })).toMatchObject({
      success: true,
      outcome: 'done',
    });
    expect(await h.act(taskId, { type: 'click', elementId: photo.id, mode: 'right', reasoning: '' })).toMatchObject({
      success: true,
    });
    const menu = await h.scrape(taskId);
    await h.act(taskId, { type: 'click', elementId: h.element(menu.tree, 'menuitem', 'Rename').id, reasoning: '' });

    expect(await text(taskId, '#log')).toBe(
      'selected report.pdf;selected report.pdf;opened report.pdf;menu for photo.png (button 2);Rename photo.png;',
    );
  });

  it('should reveal a submenu that only shows on hover and follow its link', async () => {
    const taskId = await h.open('action-hover-menu.html');
    const { tree } = await h.scrape(taskId);
    expect(tree.elements.some((e) => e.name === 'Laptops')).toBe(false);

    await h.act(taskId, { type: 'hover', elementId: h.element(tree, 'button', 'Products').id, reasoning: '' });
    const hovered = await h.scrape(taskId);
    const laptops = h.element(hovered.tree, 'menuitem', 'Laptops');
    expect(await h.act(taskId, { type: 'click', elementId: laptops.id, reasoning: '' })).toMatchObject({
      success: true,
    });

    expect(await text(taskId, '#title')).toBe('laptops');
  });

  it('should move a card between lanes with HTML5 drag and drop', async () => {
    const taskId = await h.open('action-drag.html');
    const { tree } = await h.scrape(taskId);
    const result = await h.act(taskId, {
      type: 'drag_and_drop',
      elementId: h.element(tree, 'button', 'Ship it').id,
      targetElementId: h.element(tree, 'button', 'Done').id,
      reasoning: '',
    });

    expect(result).toMatchObject({ success: true });
    expect(await h.page(taskId).locator('#done .card').allTextContents()).toEqual(['Ship it']);
    expect(await h.page(taskId).locator('#todo .card').allTextContents()).toEqual(['Write tests']);
  });

  it('should reorder a pointer-event sortable list by dragging one item onto another', async () => {
    const taskId = await h.open('action-drag.html');
    const { tree } = await h.scrape(taskId);
    await h.act(taskId, {
      type: 'drag_and_drop',
      elementId: h.element(tree, 'button', 'Alpha').id,
      targetElementId: h.element(tree, 'button', 'Charlie').id,
      reasoning: '',
    });

    expect(await h.page(taskId).locator('#sortable li').allTextContents()).toEqual(['Bravo', 'Charlie', 'Alpha']);
  });
});

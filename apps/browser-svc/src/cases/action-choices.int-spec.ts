import { BrowserSessionManager } from '@webbyflow/browser';
import { ACTION_CITIES } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

describe('actions: dropdowns, dates and autocomplete', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start();
  });
  afterEach(() => h.app.get(BrowserSessionManager).closeAll('case done'));
  afterAll(async () => {
    await h?.stop();
  });

  const chosen = async (taskId: string) =>
    JSON.parse((await h.page(taskId).locator('#chosen').textContent()) || '{}') as Record<string, string>;

  it('should pick native and custom dropdown options by label or value and show them on the page', async () => {
    const taskId = await h.open('action-dropdowns.html');
    const { tree } = await h.scrape(taskId);
    const select = (name: string, option: string) =>
      h.act(taskId, { type: 'select_option', elementId: h.element(tree, 'combobox', name).id, option, reasoning: '' });

    expect(await select('Country', 'France')).toMatchObject({ success: true, outcome: 'done' });
    expect(await select('Delivery speed', 'express (1 day)')).toMatchObject({ success: true });
    const size = h.element(tree, 'button', 'Box size');
    expect(
      await h.act(taskId, { type: 'select_option', elementId: size.id, option: 'l', reasoning: '' }),
    ).toMatchObject({ success: true });

    expect(await chosen(taskId)).toEqual({ country: 'fr', speed: 'exp', size: 'l' });
    expect(await h.page(taskId).locator('#speed').textContent()).toBe('Express (1 day)');
    expect(await h.page(taskId).locator('#size').textContent()).toBe('Large');
  });

  it('should list the offered options and pick nothing when the option does not exist', async () => {
    const taskId = await h.open('action-dropdowns.html');
    const { tree } = await h.scrape(taskId);
    const result = await h.act(taskId, {
      type: 'select_option',
      elementId: h.element(tree, 'combobox', 'Delivery speed').id,
      option: 'Overnight',
      reasoning: '',
    });

    expect(result).toMatchObject({
      success: false,
      outcome: 'not_done',
      error: { code: 'OPTION_NOT_FOUND', message: expect.stringContaining('"Express (1 day)"') },
    });
    expect(await chosen(taskId)).toEqual({});
  });

  it('should type a native date and pick a day in a JS calendar popup', async () => {
    const taskId = await h.open('action-dates.html');
    const first = await h.scrape(taskId);
    const arrival = h.element(first.tree, 'textbox', 'Arrival');
    expect(
      await h.act(taskId, {
        type: 'input_text',
        elementId: arrival.id,
        text: '2027-02-10',
        pressEnter: false,
        reasoning: '',
      }),
    ).toMatchObject({ success: true });
    await h.act(taskId, { type: 'click', elementId: h.element(first.tree, 'textbox', 'Departure').id, reasoning: '' });

    const opened = await h.scrape(taskId);
    await h.act(taskId, { type: 'click', elementId: h.element(opened.tree, 'button', 'Next month').id, reasoning: '' });
    const february = await h.scrape(taskId);
    expect(
      await h.act(taskId, {
        type: 'click',
        elementId: h.element(february.tree, 'button', '14 February 2027').id,
        reasoning: '',
      }),
    ).toMatchObject({ success: true });

    expect(await h.page(taskId).locator('#stay').textContent()).toBe('2027-02-10 → 2027-02-14');
  });

  it('should show server suggestions when typing into an autocomplete and pick one by clicking it', async () => {
    const taskId = await h.open('action-autocomplete.html');
    const { tree } = await h.scrape(taskId);
    const city = h.element(tree, 'combobox', 'Destination');
    await h.act(taskId, { type: 'input_text', elementId: city.id, text: 'Par', pressEnter: false, reasoning: '' });

    // The settle after typing waited for the suggestion request and its rendering.
    const suggested = await h.scrape(taskId);
    const options = suggested.tree.elements.filter((e) => e.role === 'option').map((e) => e.name);
    expect(options).toEqual(ACTION_CITIES.filter((c) => c.startsWith('Par')));
    await h.act(taskId, { type: 'click', elementId: h.element(suggested.tree, 'option', 'Parma').id, reasoning: '' });

    expect(await h.page(taskId).locator('#trip').textContent()).toBe('Parma, Italy');
  });

  it('should type and pick a suggestion in one select_option on an autocomplete', async () => {
    const taskId = await h.open('action-autocomplete.html');
    const { tree } = await h.scrape(taskId);
    const result = await h.act(taskId, {
      type: 'select_option',
      elementId: h.element(tree, 'combobox', 'Destination').id,
      option: 'Prague',
      reasoning: '',
    });

    expect(result).toMatchObject({ success: true });
    expect(await h.page(taskId).locator('#trip').textContent()).toBe('Prague, Czechia');
    expect(await h.page(taskId).locator('#city').inputValue()).toBe('Prague, Czechia');
  });
});

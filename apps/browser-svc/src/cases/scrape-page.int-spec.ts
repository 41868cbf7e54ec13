import type { ElementTreeV1 } from '@webbyflow/contracts';
import { waitFor } from '@webbyflow/testing';
import { BrowserSvcHarness } from '../testing/browser-svc.harness';

const named = (tree: ElementTreeV1, name: string) => tree.elements.find((e) => e.name === name);

describe('scraping widgets, overlays, feeds and CAPTCHAs', () => {
  let h: BrowserSvcHarness;
  beforeAll(async () => {
    h = await BrowserSvcHarness.start({ BROWSER_MAX_CONTEXTS: '8' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  describe('on form widgets', () => {
    let taskId: string;
    let tree: ElementTreeV1;

    beforeAll(async () => {
      taskId = await h.open('scrape-widgets.html');
      ({ tree } = await h.scrape(taskId));
    });

    it('should fold a custom combobox popup into options and mark them new when it opens', async () => {
      const fruit = h.element(tree, 'combobox', 'Fruit');
      expect(fruit).toMatchObject({ tag: 'input', expanded: false });
      expect(fruit.options).toBeUndefined();
      expect(tree.elements.filter((e) => e.new)).toEqual([]);

      await h.act(taskId, { type: 'click', elementId: fruit.id, reasoning: '' });
      const open = (await h.scrape(taskId)).tree;
      expect(h.element(open, 'combobox', 'Fruit')).toMatchObject({
        id: fruit.id,
        expanded: true,
        options: [
          { value: 'apple', label: 'Apple' },
          { value: 'banana', label: 'Banana', selected: true },
          { value: 'cherry', label: 'Cherry' },
        ],
      });
      expect(open.elements.filter((e) => e.new).map((e) => [e.role, e.name])).toEqual([
        ['option', 'Apple'],
        ['option', 'Banana'],
        ['option', 'Cherry'],
      ]);

      await h.act(taskId, { type: 'click', elementId: h.element(open, 'option', 'Cherry').id, reasoning: '' });
      expect(await h.page(taskId).inputValue('#fruit')).toBe('Cherry');
      const closed = (await h.scrape(taskId)).tree;
      expect(h.element(closed, 'combobox', 'Fruit')).toMatchObject({ value: 'Cherry', expanded: false });
      expect(closed.elements.filter((e) => e.role === 'option' && e.name === 'Apple')).toEqual([]);
    });

    it('should fold listbox and select options with the selected one', () => {
      expect(h.element(tree, 'listbox', 'Size').options).toEqual([
        { value: 'Small', label: 'Small' },
        { value: 'Large', label: 'Large', selected: true },
      ]);
      expect(h.element(tree, 'combobox', 'Country')).toMatchObject({ tag: 'select', value: 'es' });
    });

    it('should keep date and time input types with their values', () => {
      expect(named(tree, 'Start date')).toMatchObject({ role: 'textbox', type: 'date', value: '2026-03-01' });
      expect(named(tree, 'Meeting time')).toMatchObject({ type: 'time', value: '09:30' });
      expect(named(tree, 'Local time')).toMatchObject({ type: 'datetime-local', value: '2026-03-01T09:30' });
      expect(named(tree, 'Month')).toMatchObject({ type: 'month', value: '2026-03' });
      expect(named(tree, 'Week')).toMatchObject({ type: 'week', value: '2026-W10' });
    });

    it('should show chosen file names as the value of a file input', async () => {
      expect(named(tree, 'Document')).toMatchObject({ role: 'button', type: 'file', tag: 'input' });
      await h.page(taskId).setInputFiles('#doc', [
        { name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') },
        { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('png') },
      ]);
      expect(named((await h.scrape(taskId)).tree, 'Document')?.value).toBe('cv.pdf, photo.png');
    });

    it('should report readonly, required, invalid, disabled, selected and masked state', () => {
      expect(named(tree, 'Account number')).toMatchObject({ readonly: true, value: 'DE-0042' });
      expect(named(tree, 'Email')).toMatchObject({ type: 'email', required: true });
      expect(named(tree, 'Email')?.invalid).toBeUndefined(); // empty but untouched: not flagged yet
      expect(named(tree, 'Coupon')).toMatchObject({ invalid: true });
      expect(named(tree, 'Password')).toMatchObject({ type: 'password', value: '••••' });
      expect(h.element(tree, 'tab', 'Details').selected).toBe(true);
      expect(h.element(tree, 'tab', 'Reviews').selected).toBe(false);
      expect(named(tree, 'Pay now')).toMatchObject({ disabled: true });
      expect(named(tree, 'Notes')).toMatchObject({ role: 'textbox', value: 'hello' });
    });

    it('should list elements with only a click listener or a pointer cursor as generic', async () => {
      const card = h.element(tree, 'generic', 'Card with a listener');
      expect(h.element(tree, 'generic', 'Pointer card').tag).toBe('div');
      await h.act(taskId, { type: 'click', elementId: card.id, reasoning: '' });
      expect(await h.page(taskId).locator('#listener-card').textContent()).toBe('Clicked card');
      // a delegated listener on a container lists the clickable cards inside it, not the container
      expect(tree.elements.filter((e) => e.name.startsWith('Delegated')).map((e) => e.name)).toEqual([
        'Delegated A',
        'Delegated B',
      ]);
    });

    it('should flag a field invalid once the person has edited it into a bad value', async () => {
      const email = h.element(tree, 'textbox', 'Email');
      await h.act(taskId, {
        type: 'input_text',
        elementId: email.id,
        text: 'not-an-email',
        pressEnter: false,
        reasoning: '',
      });
      await h.page(taskId).locator('#account').focus(); // leaving the field commits the edit
      expect(
        await h
          .page(taskId)
          .locator('#email')
          .evaluate((el) => el.matches(':user-invalid')),
      ).toBe(true);
      expect(named((await h.scrape(taskId)).tree, 'Email')).toMatchObject({ invalid: true });
    });
  });

  describe('on a modal overlay and a cookie banner', () => {
    let taskId: string;

    beforeAll(async () => {
      taskId = await h.open('scrape-modal.html');
    });

    it('should list only the modal controls while the overlay covers the page', async () => {
      const { tree } = await h.scrape(taskId);
      expect(tree.elements.map((e) => e.name)).toEqual(['Your email', 'Close newsletter']);
      await h.act(taskId, {
        type: 'click',
        elementId: h.element(tree, 'button', 'Close newsletter').id,
        reasoning: '',
      });
      expect(await h.page(taskId).locator('#overlay').isHidden()).toBe(true);
    });

    it('should list the page but not what the cookie banner covers once the modal is closed', async () => {
      const { tree } = await h.scrape(taskId);
      expect(tree.elements.map((e) => e.name)).toEqual([
        'Add to cart',
        'Deals',
        'Footer link far below',
        'Accept cookies',
      ]);
      await h.act(taskId, { type: 'click', elementId: h.element(tree, 'button', 'Accept cookies').id, reasoning: '' });
      const after = (await h.scrape(taskId)).tree;
      expect(h.element(after, 'button', 'Hidden behind banner').new).toBe(true);
      expect(named(after, 'Accept cookies')).toBeUndefined();
    });
  });

  describe('on an infinite feed', () => {
    it('should mark items loaded by scrolling as new and keep the ids of earlier items', async () => {
      const taskId = await h.open('scrape-infinite.html');
      const first = (await h.scrape(taskId)).tree;
      const items = first.elements.filter((e) => e.name.startsWith('Item '));
      expect(items.map((e) => e.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Item ${i + 1}`));

      expect(await h.act(taskId, { type: 'scroll', direction: 'bottom', reasoning: '' })).toMatchObject({
        success: true,
      });
      await waitFor(async () => (await h.page(taskId).locator('#status').textContent()) === 'loaded 20', {
        what: 'the feed to load its second page',
      });
      const next = (await h.scrape(taskId)).tree;
      const fresh = next.elements.filter((e) => e.new).map((e) => e.name);
      expect(fresh).toEqual(Array.from({ length: 10 }, (_, i) => `Item ${i + 11}`));
      for (const item of items) expect(named(next, item.name)).toEqual({ ...item });
    });
  });

  describe('on CAPTCHA widgets', () => {
    let taskId: string;
    beforeAll(async () => {
      taskId = await h.open('scrape-captcha.html');
    });

    it.each([
      ['recaptcha', 'recaptcha'],
      ['hcaptcha', 'hcaptcha'],
      ['turnstile', 'turnstile'],
      ['generic', 'generic'],
      ['v3', undefined],
    ])('should report %s markup as captcha %s without hanging on frames that never load', async (kind, expected) => {
      const url = `${h.caseUrl('scrape-captcha.html')}?kind=${kind}`;
      expect(await h.act(taskId, { type: 'goto_url', url, reasoning: '' })).toMatchObject({ success: true });
      const started = Date.now();
      const { tree } = await h.scrape(taskId);
      expect(tree.url).toBe(url);
      expect(tree.captcha).toBe(expected);
      expect(h.element(tree, 'button', 'Create account')).toBeDefined();
      // The 1 s load cap (the hanging frame keeps `load` from firing) plus the scrape; waiting for the
      // hanging frame's document would add the 3 s child-frame deadline.
      expect(Date.now() - started).toBeLessThan(3_500);
    });
  });
});

import type { ElementTreeV1 } from '@webbyflow/contracts';
import { ActionExecutor } from './action-executor.service';
import type { BrowserSession } from './browser-session';
import { executorBed } from './testing/executor-bed';

/** When an action counts as done: the page idle, the quiet period, the grace, the cap (PageActivity.settle). */
describe(`${ActionExecutor.name}: settling after an action`, () => {
  const { config, executor, scrape, idOf, open, baseUrl } = executorBed();

  it('should settle within the cap when a click starts a request that never ends', async () => {
    const { session, tree } = await open('slow', '/slow?delay=60000');
    const result = await executor.execute(session, {
      type: 'click',
      elementId: idOf(tree, 'Generate report'),
      reasoning: '',
    });
    expect(result.success).toBe(true);
    expect(result.durationMs).toBeGreaterThanOrEqual(config.settleTimeoutMs - 50);
    expect(result.durationMs).toBeLessThan(config.settleTimeoutMs + 1_000);
    expect((await scrape(session)).text).toContain('Generating…');
  });

  it('should settle only after a chain of DOM updates without requests has stopped', async () => {
    const { session } = await open('dom-quiet', '/');
    await session.page.setContent(`<button onclick="
        let n = 0;
        const tick = setInterval(() => {
          document.getElementById('out').textContent = ++n < 8 ? 'step ' + n : 'done';
          if (n >= 8) clearInterval(tick);
        }, 80);">Start</button><p id="out"></p>`);
    const result = await executor.execute(session, {
      type: 'click',
      elementId: idOf(await scrape(session), 'Start'),
      reasoning: '',
    });

    expect(result).toMatchObject({ success: true, outcome: 'done' });
    expect(await session.page.locator('#out').textContent()).toBe('done');
  });

  describe('settling after typing or choosing', () => {
    // A quiet period long enough that skipping it or not is plain in the duration.
    const patient = new ActionExecutor({ ...config, settleQuietMs: 1_500, settleTimeoutMs: 3_000 });
    const typeName = (session: BrowserSession, tree: ElementTreeV1) =>
      patient.execute(session, {
        type: 'input_text',
        elementId: idOf(tree, 'Name'),
        text: 'Ada',
        pressEnter: false,
        reasoning: '',
      });
    const form = (script: string) => `<label>Name <input id="name" oninput="${script}"></label>
      <label>Size <select id="size"><option>S</option><option>M</option></select></label><p id="msg"></p>`;

    it('should not wait the quiet period when typing and choosing set nothing off', async () => {
      const { session } = await open('grace-quiet', '/');
      await session.page.setContent(form(''));
      const tree = await scrape(session);

      const typed = await typeName(session, tree);
      const chosen = await patient.execute(session, {
        type: 'select_option',
        elementId: idOf(tree, 'Size'),
        option: 'M',
        reasoning: '',
      });

      expect([typed, chosen]).toMatchObject([{ success: true }, { success: true }]);
      expect(typed.durationMs).toBeLessThan(1_000);
      expect(chosen.durationMs).toBeLessThan(1_000);
      expect(await session.page.inputValue('#name')).toBe('Ada');
    });

    /** Types a name into a field whose input handler is `script`; the message the page shows once settled. */
    const messageAfterTyping = async (label: string, script: string) => {
      const { session } = await open(label, '/');
      await session.page.setContent(form(script));
      const typed = await typeName(session, await scrape(session));
      expect(typed).toMatchObject({ success: true, outcome: 'done' });
      return session.page.locator('#msg').textContent();
    };

    it('should wait for what typing sets off: a timer, a DOM change, a request and its answer', async () => {
      const script =
        "setTimeout(() => { msg.textContent = 'Checking'; fetch('/contact').then(() => { msg.textContent = 'Name is free'; }); }, 10)";
      expect(await messageAfterTyping('grace-busy', script)).toBe('Name is free');
    });

    it('should wait for a debounced check that starts after the grace', async () => {
      const script = "clearTimeout(window.t); window.t = setTimeout(() => { msg.textContent = 'Checked'; }, 300)";
      expect(await messageAfterTyping('grace-debounce', script)).toBe('Checked');
    });

    it('should wait for work the page put off until it is idle', async () => {
      // each idle callback comes in a later idle period than the one before: the last one well after the grace
      const script =
        "const later = (n) => requestIdleCallback(() => n ? later(n - 1) : (msg.textContent = 'Rendered later')); later(10)";
      expect(await messageAfterTyping('grace-idle-callback', script)).toBe('Rendered later');
    });

    it('should fall back to the quiet period on a page that always has a frame pending', async () => {
      const { session } = await open('grace-animated', '/');
      await session.page.setContent(
        `${form('')}<script>(function spin() { requestAnimationFrame(spin); })();</script>`,
      );
      const tree = await scrape(session);

      const clicked = await patient.execute(session, { type: 'click', elementId: idOf(tree, 'Name'), reasoning: '' });

      expect(clicked).toMatchObject({ success: true, outcome: 'done' });
      expect(clicked.durationMs).toBeGreaterThanOrEqual(1_500);
    });
  });

  it('should settle without the quiet period once a page it navigated to has nothing left to do', async () => {
    // With a 1.5 s quiet period, waiting it out or not is plain in the duration.
    const patient = new ActionExecutor({ ...config, settleQuietMs: 1_500, settleTimeoutMs: 3_000 });
    const { session } = await open('idle-navigation', '/');
    await session.page.setContent(`<a href="${baseUrl()}/contact">Write to us</a>`);

    const clicked = await patient.execute(session, {
      type: 'click',
      elementId: idOf(await scrape(session), 'Write to us'),
      reasoning: '',
    });

    expect(clicked).toMatchObject({ success: true, outcome: 'done', url: `${baseUrl()}/contact` });
    expect(clicked.durationMs).toBeLessThan(1_000);
  });
});

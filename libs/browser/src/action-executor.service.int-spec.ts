import type { BrowserActionV1, ElementTreeV1 } from '@webbyflow/contracts';
import { ACCOUNT_ORDERS, expectedConfirmationNumber, expectedWizardReference, FIXTURE_USER } from '@webbyflow/testing';
import { ActionExecutor } from './action-executor.service';
import { BrowserExceptionCode } from './browser.exception';
import type { BrowserSession } from './browser-session';
import { executorBed } from './testing/executor-bed';

describe(ActionExecutor.name, () => {
  const { config, executor, scrape, idOf, open, baseUrl } = executorBed();

  /** Runs actions in order and expects each to succeed. */
  const run = async (session: BrowserSession, actions: BrowserActionV1[]) => {
    for (const action of actions) {
      const result = await executor.execute(session, action);
      expect({ action: action.type, ...result }).toMatchObject({ action: action.type, success: true });
    }
  };

  it('should submit the contact form and show the confirmation number when every field is filled', async () => {
    const { session, tree } = await open('contact-ok', '/contact');
    const email = 'grace@example.com';
    await run(session, [
      {
        type: 'input_text',
        elementId: idOf(tree, 'Your name *'),
        text: 'Grace Hopper',
        pressEnter: false,
        reasoning: '',
      },
      { type: 'input_text', elementId: idOf(tree, 'Email address *'), text: email, pressEnter: false, reasoning: '' },
      { type: 'select_option', elementId: idOf(tree, 'Topic *'), option: 'Billing', reasoning: '' },
      {
        type: 'input_text',
        elementId: idOf(tree, 'Message *'),
        text: 'Please resend my invoice.',
        pressEnter: false,
        reasoning: '',
      },
      { type: 'checkbox', elementId: idOf(tree, 'Subscribe to our newsletter'), checked: true, reasoning: '' },
      { type: 'click', elementId: idOf(tree, 'Submit'), reasoning: '' },
    ]);
    const after = await scrape(session);
    expect(after.text).toContain(`Confirmation number: ${expectedConfirmationNumber(email)}`);
    expect(after.text).toContain('Newsletter: subscribed');
  });

  it('should show the errors and no number when required fields are missing', async () => {
    const { session, tree } = await open('contact-missing', '/contact');
    await run(session, [
      { type: 'input_text', elementId: idOf(tree, 'Your name *'), text: 'Grace', pressEnter: false, reasoning: '' },
      { type: 'click', elementId: idOf(tree, 'Submit'), reasoning: '' },
    ]);
    const after = await scrape(session);
    expect(after.text).toContain('Email address is required.');
    expect(after.text).not.toContain('Confirmation number');
    expect(after.elements.find((e) => e.name === 'Your name *')?.value).toBe('Grace');
  });

  it('should show an error when the password is wrong', async () => {
    const { session, tree } = await open('login-bad', '/login');
    await run(session, [
      {
        type: 'input_text',
        elementId: idOf(tree, 'Username'),
        text: FIXTURE_USER.username,
        pressEnter: false,
        reasoning: '',
      },
      { type: 'input_text', elementId: idOf(tree, 'Password'), text: 'wrong', pressEnter: true, reasoning: '' },
    ]);
    expect((await scrape(session)).text).toContain('Invalid username or password.');
  });

  it('should log in and read the orders table when the credentials are valid', async () => {
    const { session, tree } = await open('login-ok', '/account');
    expect(session.page.url()).toBe(`${baseUrl()}/login?next=%2Faccount`);
    await run(session, [
      {
        type: 'input_text',
        elementId: idOf(tree, 'Username'),
        text: FIXTURE_USER.username,
        pressEnter: false,
        reasoning: '',
      },
      {
        type: 'input_text',
        elementId: idOf(tree, 'Password'),
        text: FIXTURE_USER.password,
        pressEnter: false,
        reasoning: '',
      },
      { type: 'click', elementId: idOf(tree, 'Sign in'), reasoning: '' },
    ]);
    const account = await scrape(session);
    expect(account.url).toBe(`${baseUrl()}/account`);
    expect(account.text).toContain('Order\tDate\tAmount\tStatus');
    for (const o of ACCOUNT_ORDERS) expect(account.text).toContain(`${o.id}\t${o.date}\t${o.amount}\t${o.status}`);
  });

  it('should drive the three-step wizard to the done page when each step is filled', async () => {
    const { session, tree: step1 } = await open('wizard', '/wizard/1');
    await run(session, [
      { type: 'input_text', elementId: idOf(step1, 'First name'), text: 'Ada', pressEnter: false, reasoning: '' },
      { type: 'input_text', elementId: idOf(step1, 'Last name'), text: 'King', pressEnter: false, reasoning: '' },
      {
        type: 'input_text',
        elementId: idOf(step1, 'Email'),
        text: 'ada@example.com',
        pressEnter: false,
        reasoning: '',
      },
      { type: 'click', elementId: idOf(step1, 'Next'), reasoning: '' },
    ]);
    const step2 = await scrape(session);
    expect(step2.text).toContain('Step 2 of 3');
    await run(session, [
      { type: 'checkbox', elementId: idOf(step2, 'Pro — €15/month'), checked: true, reasoning: '' },
      { type: 'select_option', elementId: idOf(step2, 'Billing cycle'), option: 'yearly', reasoning: '' },
      { type: 'click', elementId: idOf(step2, 'Next'), reasoning: '' },
    ]);
    const step3 = await scrape(session);
    expect(step3.text).toContain('Step 3 of 3');
    expect(step3.elements.find((e) => e.name === 'I agree to the terms of service')).toMatchObject({
      tag: 'label',
      checked: false,
    });
    await run(session, [
      { type: 'checkbox', elementId: idOf(step3, 'I agree to the terms of service'), checked: true, reasoning: '' },
      { type: 'click', elementId: idOf(step3, 'Submit order'), reasoning: '' },
    ]);
    const done = await scrape(session);
    expect(done.url).toBe(`${baseUrl()}/wizard/done`);
    expect(done.text).toContain(`Reference: ${expectedWizardReference('ada@example.com', 'pro')}`);
    expect(done.text).toContain('Yearly (2 months free)');
  });

  describe('when an action cannot be done', () => {
    let session: BrowserSession;
    let tree: ElementTreeV1;

    beforeEach(async () => {
      ({ session, tree } = await open('failures', '/contact'));
    });

    it.each<[string, (t: ElementTreeV1) => BrowserActionV1, BrowserExceptionCode, RegExp]>([
      [
        'the id is unknown',
        () => ({ type: 'click', elementId: 'e999', reasoning: '' }),
        BrowserExceptionCode.ELEMENT_NOT_FOUND,
        /e999/,
      ],
      [
        'the option does not exist',
        (t) => ({ type: 'select_option', elementId: idOf(t, 'Topic *'), option: 'Refunds', reasoning: '' }),
        BrowserExceptionCode.OPTION_NOT_FOUND,
        /"Technical support"/,
      ],
      [
        'text goes into a button',
        (t) => ({ type: 'input_text', elementId: idOf(t, 'Submit'), text: 'x', pressEnter: false, reasoning: '' }),
        BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
        /does not accept/,
      ],
      [
        'a select is checked',
        (t) => ({ type: 'checkbox', elementId: idOf(t, 'Topic *'), checked: true, reasoning: '' }),
        BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
        /not a checkbox/,
      ],
      [
        'the URL is a file',
        () => ({ type: 'goto_url', url: 'file:///etc/passwd', reasoning: '' }),
        BrowserExceptionCode.INVALID_ACTION,
        /http/,
      ],
      [
        'the host does not resolve',
        () => ({ type: 'goto_url', url: 'http://nowhere.example/', reasoning: '' }),
        BrowserExceptionCode.NAVIGATION_FAILED,
        /ERR_NAME_NOT_RESOLVED/,
      ],
    ])('should return %s as a failed result', async (_case, action, code, message) => {
      const result = await executor.execute(session, action(tree));
      expect(result).toMatchObject({ success: false, error: { code, message: expect.stringMatching(message) } });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('should return ELEMENT_STALE when the element was replaced by one too different to trust', async () => {
      await session.page.evaluate(() =>
        document.querySelector('button[type=submit]')!.replaceWith(document.createElement('button')),
      );
      const result = await executor.execute(session, { type: 'click', elementId: idOf(tree, 'Submit'), reasoning: '' });
      expect(result).toMatchObject({ success: false, outcome: 'not_done' });
      expect(result.error).toEqual({
        code: BrowserExceptionCode.ELEMENT_STALE,
        message: expect.stringMatching(/button "Submit".*too different/),
      });
    });

    it('should not re-find an element in another document even when it looks the same', async () => {
      await session.page.reload();
      const result = await executor.execute(session, { type: 'click', elementId: idOf(tree, 'Submit'), reasoning: '' });
      expect(result.error).toEqual({
        code: BrowserExceptionCode.ELEMENT_STALE,
        message: expect.stringMatching(/another document/),
      });
      expect(await session.page.locator('.error').count()).toBe(0);
    });

    it('should return ELEMENT_NOT_INTERACTABLE within the deadline when the element is disabled', async () => {
      await session.page.evaluate(() =>
        document.querySelector<HTMLButtonElement>('button[type=submit]')!.setAttribute('disabled', ''),
      );
      const result = await executor.execute(session, { type: 'click', elementId: idOf(tree, 'Submit'), reasoning: '' });
      expect(result.error?.code).toBe(BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE);
      expect(result.durationMs).toBeLessThan(config.actionTimeoutMs + 500);
    });

    it('should refuse to uncheck a radio when asked to', async () => {
      await session.page.setContent('<label><input type="radio" name="r" checked> Only</label>');
      const radio = await scrape(session);
      const result = await executor.execute(session, {
        type: 'checkbox',
        elementId: idOf(radio, 'Only'),
        checked: false,
        reasoning: '',
      });
      expect(result.error).toEqual({
        code: BrowserExceptionCode.ACTION_FAILED,
        message: expect.stringMatching(/cannot be unchecked/),
      });
    });
  });

  it('should scroll the page and bring an element into view when asked to scroll', async () => {
    const { session } = await open('scroll', '/');
    await session.page.setContent('<div style="height:3000px">top</div><button>Far away</button>');
    const tree = await scrape(session);
    await run(session, [{ type: 'scroll', direction: 'down', reasoning: '' }]);
    expect(await session.page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await run(session, [{ type: 'scroll', direction: 'up', elementId: idOf(tree, 'Far away'), reasoning: '' }]);
    expect(await session.page.evaluate(() => window.scrollY)).toBeGreaterThan(2_000);
  });

  it('should throw ABORTED when the caller aborts a wait', async () => {
    const { session } = await open('abort-wait', '/');
    const controller = new AbortController();
    const started = performance.now();
    const pending = executor.execute(session, { type: 'wait', ms: 10_000, reasoning: '' }, controller.signal);
    setTimeout(() => controller.abort(new Error('task canceled')), 100);
    await expect(pending).rejects.toMatchObject({ code: BrowserExceptionCode.ABORTED });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(session.isUsable).toBe(true);
  });
});

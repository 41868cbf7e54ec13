import { DeadlineException, DeadlineExceptionCode } from '@webbyflow/common';
import { errors } from 'playwright-core';
import { isTargetClosedError, toActionError } from './action-error.mapper';
import { BrowserException, BrowserExceptionCode } from './browser.exception';

const timeout = (log: string) => {
  const error = new errors.TimeoutError(`locator.click: Timeout 4750ms exceeded.\nCall log:\n${log}`);
  return error;
};

describe(toActionError.name, () => {
  it('should keep the code when a BrowserException is thrown', () => {
    const error = new BrowserException(BrowserExceptionCode.ELEMENT_NOT_FOUND, 'No element e9 in the latest scrape');
    expect(toActionError(error)).toEqual({ code: 'ELEMENT_NOT_FOUND', message: 'No element e9 in the latest scrape' });
  });

  it('should map to ACTION_TIMEOUT when our deadline expires', () => {
    const error = new DeadlineException(DeadlineExceptionCode.TIMEOUT, 'click action timed out after 5000 ms');
    expect(toActionError(error).code).toBe(BrowserExceptionCode.ACTION_TIMEOUT);
  });

  it('should map to ELEMENT_NOT_INTERACTABLE when the call log says the element is not visible', () => {
    const result = toActionError(
      timeout('  - waiting for element to be visible, enabled and stable\n    - element is not visible\n'),
    );
    expect(result).toEqual({
      code: 'ELEMENT_NOT_INTERACTABLE',
      message: 'Cannot act on the element: the element is not visible',
    });
  });

  it('should name the covering element when another element intercepts pointer events', () => {
    const result = toActionError(
      timeout('  - <div class="cookie-banner">…</div> intercepts pointer events\n  - retrying click action'),
    );
    expect(result).toEqual({
      code: 'ELEMENT_NOT_INTERACTABLE',
      message: 'Cannot act on the element: <div class="cookie-banner"> covers it',
    });
  });

  it('should map to ACTION_TIMEOUT when a Playwright timeout has no better reason', () => {
    expect(toActionError(timeout('  - waiting for locator(\'[data-wf-id="e1"]\')')).code).toBe(
      BrowserExceptionCode.ACTION_TIMEOUT,
    );
  });

  it('should map to ELEMENT_NOT_INTERACTABLE when fill targets a non-input', () => {
    const error = new Error('locator.fill: Error: Element is not an <input>, <textarea> or [contenteditable] element');
    expect(toActionError(error).code).toBe(BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE);
  });

  it('should map to NAVIGATION_FAILED when the network fails', () => {
    const result = toActionError(
      new Error('page.goto: net::ERR_NAME_NOT_RESOLVED at http://nowhere.test/\nCall log: …'),
    );
    expect(result).toEqual({
      code: 'NAVIGATION_FAILED',
      message: 'net::ERR_NAME_NOT_RESOLVED at http://nowhere.test/',
    });
  });

  it('should map to INVALID_ACTION naming the key when Playwright does not know a key', () => {
    const result = toActionError(new Error('keyboard.press: Unknown key: "Ctrl"'));
    expect(result).toEqual({
      code: 'INVALID_ACTION',
      message: 'Unknown key: "Ctrl"; use names such as Enter, Control+A',
    });
  });

  it('should say the page navigated away when the element’s document was replaced mid-action', () => {
    const result = toActionError(
      new Error('locator.evaluate: Execution context was destroyed, most likely because of a navigation'),
    );
    expect(result).toEqual({ code: 'ACTION_FAILED', message: 'The page navigated away during the action' });
  });

  it('should map to ACTION_FAILED with a short message when the error is unknown', () => {
    const result = toActionError(new Error(`boom ${'x'.repeat(400)}\nsecond line`));
    expect(result.code).toBe(BrowserExceptionCode.ACTION_FAILED);
    expect(result.message.length).toBeLessThanOrEqual(300);
  });
});

describe(isTargetClosedError.name, () => {
  it.each([
    'locator.click: Target page, context or browser has been closed',
    'page.evaluate: Target closed',
    'browserContext.newPage: Browser has been closed',
  ])('should be true when Playwright says %s', (message) => {
    expect(isTargetClosedError(new Error(message))).toBe(true);
  });

  it('should be false when the error is something else', () => {
    expect(isTargetClosedError(new Error('element is not visible'))).toBe(false);
  });
});

import { toErrorInfo } from '@webbyflow/common';
import { BrowserException, BrowserExceptionCode } from './browser.exception';

describe(BrowserException.name, () => {
  it('should be terminal when the session is lost', () => {
    const error = new BrowserException(BrowserExceptionCode.SESSION_LOST, 'gone');
    expect(toErrorInfo(error)).toEqual({
      name: 'BrowserException',
      code: 'SESSION_LOST',
      message: 'gone',
      terminal: true,
    });
  });

  it('should be retryable when the context limit is reached', () => {
    expect(new BrowserException(BrowserExceptionCode.SESSION_LIMIT_REACHED, 'full').terminal).toBe(false);
  });

  it('should keep the cause when one is given', () => {
    const cause = new Error('root');
    expect(new BrowserException(BrowserExceptionCode.NAVIGATION_FAILED, 'x', { cause }).cause).toBe(cause);
  });
});

import { BrowserExceptionCode } from '@webbyflow/browser';
import { parseBrowserAction } from './browser-action.parser';

describe(parseBrowserAction.name, () => {
  it('should return the action with defaults applied when it is a valid browser action', () => {
    expect(parseBrowserAction({ type: 'input_text', elementId: 'e3', text: 'Ada' })).toEqual({
      type: 'input_text',
      elementId: 'e3',
      text: 'Ada',
      pressEnter: false,
      reasoning: '',
    });
  });

  it('should throw a terminal INVALID_ACTION naming the field when the action is malformed', () => {
    expect(() => parseBrowserAction({ type: 'click' })).toThrow(
      expect.objectContaining({ code: BrowserExceptionCode.INVALID_ACTION, terminal: true }),
    );
    expect(() => parseBrowserAction({ type: 'click' })).toThrow(/elementId/);
  });

  it('should throw INVALID_ACTION when the action ends the run instead of acting on the page', () => {
    expect(() => parseBrowserAction({ type: 'complete', data: { ok: true } })).toThrow(
      expect.objectContaining({ code: BrowserExceptionCode.INVALID_ACTION }),
    );
  });
});

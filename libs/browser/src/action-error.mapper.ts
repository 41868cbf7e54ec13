import { DeadlineException, DeadlineExceptionCode } from '@webbyflow/common';
import { BrowserException, BrowserExceptionCode } from './browser.exception';

/** A failed action as the planner sees it: a code and a short message it can act on. */
export interface ActionError {
  code: BrowserExceptionCode;
  message: string;
}

const MAX_MESSAGE = 300;

/** Substrings of Playwright's call log that mean "the element exists but can't be used". */
const NOT_INTERACTABLE: readonly [RegExp, string][] = [
  [/element is not visible/i, 'the element is not visible'],
  [/element is not enabled|element is disabled/i, 'the element is disabled'],
  [/element is not editable/i, 'the element is read-only'],
  [/element is outside of the viewport/i, 'the element is outside the viewport'],
  [/element is not stable/i, 'the element keeps moving'],
  [
    /not an <input>, <textarea>|cannot be filled|is not a <select>|not a checkbox or radio/i,
    'the element does not accept this action',
  ],
];

const TARGET_CLOSED =
  /target (page, context or browser )?(has been )?closed|browser has been closed|browser has disconnected|page has been closed/i;

/** True when Playwright failed because the page, context or browser is gone. */
export function isTargetClosedError(error: unknown): boolean {
  return error instanceof Error && TARGET_CLOSED.test(error.message);
}

function firstLine(message: string): string {
  const line = message
    .split('\n', 1)[0]
    .replace(/^\w+\.\w+: /, '')
    .trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** Maps whatever an action threw to a code and message for its ActionResultV1. */
export function toActionError(error: unknown): ActionError {
  if (error instanceof BrowserException) return { code: error.code, message: firstLine(error.message) };
  if (error instanceof DeadlineException && error.code === DeadlineExceptionCode.TIMEOUT) {
    return { code: BrowserExceptionCode.ACTION_TIMEOUT, message: firstLine(error.message) };
  }
  if (!(error instanceof Error)) return { code: BrowserExceptionCode.ACTION_FAILED, message: firstLine(String(error)) };
  const text = error.message;
  const cover = /(<[^\n]{1,160}?>)[^\n]*intercepts pointer events/.exec(text);
  if (cover)
    return {
      code: BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
      message: `Cannot act on the element: ${cover[1]} covers it`,
    };
  for (const [pattern, reason] of NOT_INTERACTABLE) {
    if (pattern.test(text))
      return { code: BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE, message: `Cannot act on the element: ${reason}` };
  }
  if (/element is not attached|element was detached/i.test(text)) {
    return { code: BrowserExceptionCode.ELEMENT_NOT_FOUND, message: 'The element left the page; scrape again' };
  }
  const key = /Unknown key: "[^"\n]{0,40}"/.exec(text);
  if (key)
    return { code: BrowserExceptionCode.INVALID_ACTION, message: `${key[0]}; use names such as Enter, Control+A` };
  if (/execution context was destroyed|frame (got|was) detached|navigated to/i.test(text)) {
    return { code: BrowserExceptionCode.ACTION_FAILED, message: 'The page navigated away during the action' };
  }
  if (/net::ERR_|NS_ERROR_|navigation failed|interrupted by another navigation/i.test(text)) {
    return { code: BrowserExceptionCode.NAVIGATION_FAILED, message: firstLine(text) };
  }
  if (error.name === 'TimeoutError') return { code: BrowserExceptionCode.ACTION_TIMEOUT, message: firstLine(text) };
  return { code: BrowserExceptionCode.ACTION_FAILED, message: firstLine(text) };
}

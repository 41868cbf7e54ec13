import { DomainException } from '@webbyflow/common';

export enum BrowserExceptionCode {
  LAUNCH_FAILED = 'BROWSER_LAUNCH_FAILED',
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  SESSION_LOST = 'SESSION_LOST',
  SESSION_CLOSED = 'SESSION_CLOSED',
  SESSION_LIMIT_REACHED = 'SESSION_LIMIT_REACHED',
  /** A per-task browser option (BrowserOptionsV1) cannot be applied; the message names the field. */
  INVALID_BROWSER_OPTIONS = 'INVALID_BROWSER_OPTIONS',
  NAVIGATION_FAILED = 'NAVIGATION_FAILED',
  SCRAPE_FAILED = 'SCRAPE_FAILED',
  ELEMENT_NOT_FOUND = 'ELEMENT_NOT_FOUND',
  ELEMENT_NOT_INTERACTABLE = 'ELEMENT_NOT_INTERACTABLE',
  OPTION_NOT_FOUND = 'OPTION_NOT_FOUND',
  /** The element re-rendered after the scrape and no unique match was found by its fingerprint. */
  ELEMENT_STALE = 'ELEMENT_STALE',
  /** The target belongs to a CAPTCHA widget; solving one is not supported. */
  CAPTCHA_UNSUPPORTED = 'CAPTCHA_UNSUPPORTED',
  /** A file for upload_file could not be fetched (unknown artifact, HTTP error, too large, too slow). */
  UPLOAD_FAILED = 'UPLOAD_FAILED',
  INVALID_ACTION = 'INVALID_ACTION',
  ACTION_TIMEOUT = 'ACTION_TIMEOUT',
  /** The caller's signal aborted an open, scrape or action. */
  ABORTED = 'ABORTED',
  ACTION_FAILED = 'ACTION_FAILED',
}

/** Whether retrying the same command can help; exhaustive so a new code must decide. */
const TERMINAL: Record<BrowserExceptionCode, boolean> = {
  [BrowserExceptionCode.LAUNCH_FAILED]: false,
  [BrowserExceptionCode.SESSION_NOT_FOUND]: true,
  [BrowserExceptionCode.SESSION_LOST]: true,
  [BrowserExceptionCode.SESSION_CLOSED]: true,
  [BrowserExceptionCode.SESSION_LIMIT_REACHED]: false,
  [BrowserExceptionCode.INVALID_BROWSER_OPTIONS]: true,
  [BrowserExceptionCode.NAVIGATION_FAILED]: false,
  [BrowserExceptionCode.SCRAPE_FAILED]: false,
  [BrowserExceptionCode.ELEMENT_NOT_FOUND]: true,
  [BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE]: true,
  [BrowserExceptionCode.OPTION_NOT_FOUND]: true,
  [BrowserExceptionCode.ELEMENT_STALE]: true,
  [BrowserExceptionCode.CAPTCHA_UNSUPPORTED]: true,
  [BrowserExceptionCode.UPLOAD_FAILED]: false,
  [BrowserExceptionCode.INVALID_ACTION]: true,
  [BrowserExceptionCode.ACTION_TIMEOUT]: false,
  [BrowserExceptionCode.ABORTED]: true,
  [BrowserExceptionCode.ACTION_FAILED]: false,
};

/** Every failure of the browser domain. Action-level codes usually travel inside an ActionResultV1 instead. */
export class BrowserException extends DomainException<BrowserExceptionCode> {
  readonly terminal: boolean;

  constructor(code: BrowserExceptionCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.terminal = TERMINAL[code];
  }
}

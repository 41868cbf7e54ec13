import type { ActionResultV1, BrowserActionV1 } from '@webbyflow/contracts';
import { sleep, withDeadline } from '@webbyflow/common';
import type { Locator } from 'playwright-core';
import { isTargetClosedError, toActionError } from './action-error.mapper';
import { actionBudgetMs, playwrightTimeoutMs } from './actions/action-budget';
import { readSelectOptions, readToggleState, scrollElement, scrollPage } from './actions/element.scripts';
import { PageActivity } from './actions/page-activity';
import { describeOptions, matchSelectOption } from './actions/select-option.matcher';
import { BrowserException, BrowserExceptionCode } from './browser.exception';
import type { BrowserConfig } from './browser.config';
import type { BrowserSession } from './browser-session';
import { navigatePage } from './page-navigation';

export type ActionExecutorConfig = Pick<
  BrowserConfig,
  'actionTimeoutMs' | 'navigationTimeoutMs' | 'settleTimeoutMs' | 'settleQuietMs'
>;

/** Options for every Playwright call inside one action: its timeout and the deadline's abort signal. */
interface CallOptions {
  timeout: number;
  signal: AbortSignal;
}

/**
 * Runs one browser action under a deadline and the session's abort signal, then waits for the page to
 * settle. Expected failures (unknown id, hidden element, timeout) come back as a failed ActionResultV1;
 * a lost or closed session, or an aborted call, throws.
 */
export class ActionExecutor {
  constructor(private readonly config: ActionExecutorConfig) {}

  async execute(session: BrowserSession, action: BrowserActionV1, signal?: AbortSignal): Promise<ActionResultV1> {
    session.assertUsable();
    const started = performance.now();
    const parent = signal ? AbortSignal.any([session.signal, signal]) : session.signal;
    const budget = actionBudgetMs(action, this.config);
    const activity = new PageActivity(session.page);
    try {
      const timeout = playwrightTimeoutMs(budget);
      await withDeadline(
        `${action.type} action`,
        budget,
        (deadline) => this.perform(session, action, { timeout, signal: deadline }),
        parent,
      );
      await activity.settle({ quietMs: this.config.settleQuietMs, maxMs: this.config.settleTimeoutMs }, parent);
      return { success: true, url: session.page.url(), durationMs: elapsed(started) };
    } catch (error) {
      session.assertUsable();
      if (signal?.aborted)
        throw new BrowserException(BrowserExceptionCode.ABORTED, `${action.type} aborted`, { cause: signal.reason });
      if (isTargetClosedError(error) || session.page.isClosed()) {
        session.markLost(`the page went away during ${action.type}`);
        session.assertUsable();
      }
      return { success: false, error: toActionError(error), url: session.page.url(), durationMs: elapsed(started) };
    } finally {
      activity.dispose();
    }
  }

  private async perform(session: BrowserSession, action: BrowserActionV1, call: CallOptions): Promise<void> {
    switch (action.type) {
      case 'click':
        return (await this.locate(session, action.elementId)).click(call);
      case 'input_text': {
        const target = await this.locate(session, action.elementId);
        await target.fill(action.text, call);
        if (action.pressEnter) await target.press('Enter', call);
        return;
      }
      case 'select_option':
        return this.selectOption(await this.locate(session, action.elementId), action.elementId, action.option, call);
      case 'checkbox':
        return this.setChecked(await this.locate(session, action.elementId), action.elementId, action.checked, call);
      case 'goto_url':
        return navigatePage(session.page, action.url, call);
      case 'scroll':
        if (action.elementId)
          await (await this.locate(session, action.elementId)).evaluate(scrollElement, action.direction, call);
        else await session.page.evaluate(scrollPage, action.direction);
        return;
      case 'wait':
        return sleep(action.ms, call.signal);
      default:
        throw new BrowserException(
          BrowserExceptionCode.ACTION_FAILED,
          `${action.type} is not supported by this browser-svc yet`,
        );
    }
  }

  /** The element of the latest scrape, failing fast when the id is unknown or the node left the page. */
  private async locate(session: BrowserSession, elementId: string): Promise<Locator> {
    const locator = session.locate(elementId);
    if (!locator) {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_NOT_FOUND,
        `No element ${elementId} in the latest scrape; scrape the page again`,
      );
    }
    if ((await locator.count()) === 0) {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_NOT_FOUND,
        `Element ${elementId} is no longer on the page; scrape the page again`,
      );
    }
    return locator.first();
  }

  private async selectOption(target: Locator, elementId: string, wanted: string, call: CallOptions): Promise<void> {
    const options = await target.evaluate(readSelectOptions, undefined, call);
    if (!options) {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
        `Element ${elementId} is not a <select>; click it to open the list, then click the option`,
      );
    }
    const match = matchSelectOption(options, wanted);
    if (!match) {
      throw new BrowserException(
        BrowserExceptionCode.OPTION_NOT_FOUND,
        `No option "${wanted}" in ${elementId}; options are ${describeOptions(options)}`,
      );
    }
    await target.selectOption({ value: match.value }, call);
  }

  /** Clicks a checkbox, radio or ARIA toggle (or its label) only when its state differs, then verifies it. */
  private async setChecked(target: Locator, elementId: string, checked: boolean, call: CallOptions): Promise<void> {
    const before = await target.evaluate(readToggleState, undefined, call);
    if (before.kind === 'none') {
      throw new BrowserException(
        BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
        `Element ${elementId} is not a checkbox, radio or switch`,
      );
    }
    if (before.checked === checked) return;
    if (before.kind === 'radio' && !checked) {
      throw new BrowserException(
        BrowserExceptionCode.ACTION_FAILED,
        `Radio ${elementId} cannot be unchecked; check another option of its group`,
      );
    }
    await target.click(call);
    const after = await target.evaluate(readToggleState, undefined, call);
    if (after.checked !== checked) {
      throw new BrowserException(
        BrowserExceptionCode.ACTION_FAILED,
        `Clicking ${elementId} did not make it ${checked ? 'checked' : 'unchecked'}`,
      );
    }
  }
}

function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

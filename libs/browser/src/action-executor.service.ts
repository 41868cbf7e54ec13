import type { ActionResultV1, BrowserActionV1 } from '@webbyflow/contracts';
import { withDeadline } from '@webbyflow/common';
import { isTargetClosedError, toActionError, type ActionError } from './action-error.mapper';
import { ActionProgress, type ActionScope, type CallOptions } from './actions/action-call';
import { actionBudgetMs, playwrightTimeoutMs } from './actions/action-budget';
import { selectOption, setChecked } from './actions/choice.actions';
import { ElementTargetResolver } from './actions/element-target.resolver';
import { PageActivity } from './actions/page-activity';
import { runPageAction } from './actions/page-actions';
import { dragAndDrop, hover, click } from './actions/pointer.actions';
import { scroll, wait } from './actions/scroll-wait.actions';
import type { TargetEffect } from './actions/target.scripts';
import { inputText, keypress } from './actions/text.actions';
import { uploadFiles } from './actions/upload.action';
import type { UploadFileResolver } from './actions/upload-file.resolver';
import { BrowserException, BrowserExceptionCode } from './browser.exception';
import type { BrowserConfig } from './browser.config';
import type { BrowserSession } from './browser-session';

export type ActionExecutorConfig = Pick<
  BrowserConfig,
  'actionTimeoutMs' | 'navigationTimeoutMs' | 'settleTimeoutMs' | 'settleQuietMs' | 'settleGraceMs'
>;

/** What an action may need beyond the session: where upload_file gets its bytes. */
export interface ActionContext {
  files?: UploadFileResolver;
}

/** Failures that happen before any input reaches the page: the action certainly did not run. */
const NEVER_RAN = new Set<string>([
  BrowserExceptionCode.ELEMENT_NOT_FOUND,
  BrowserExceptionCode.ELEMENT_STALE,
  BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
  BrowserExceptionCode.OPTION_NOT_FOUND,
  BrowserExceptionCode.INVALID_ACTION,
  BrowserExceptionCode.CAPTCHA_UNSUPPORTED,
  BrowserExceptionCode.UPLOAD_FAILED,
]);

/**
 * Actions that usually change nothing but the control they act on. What one of them does set off (a
 * validation message, a dependent fetch) shows within the settle grace and brings back the quiet period.
 * Clicks, keys, drags and navigations always wait the quiet period: their effects often start on a timer.
 */
export function mostlyLocal(action: BrowserActionV1): boolean {
  switch (action.type) {
    case 'input_text':
      return !action.pressEnter;
    case 'select_option':
    case 'checkbox':
    case 'hover':
    case 'scroll':
    case 'upload_file':
      return true;
    default:
      return false;
  }
}

const EFFECTS: Record<Exclude<TargetEffect, 'none'>, string> = {
  submit: 'submitted the form',
  link: 'followed the link',
  commit: 'been carried out (the button buys, sends or deletes)',
};

/**
 * Runs one browser action under a deadline and the session's abort signal, then waits for the page to
 * settle. Expected failures (unknown id, hidden element, timeout) come back as a failed ActionResultV1
 * with an `outcome`; a lost or closed session, or an aborted call, throws. Nothing is retried here: an
 * action that may have had effects (a submit) is reported `unknown`, and the loop re-scrapes and re-plans.
 */
export class ActionExecutor {
  constructor(private readonly config: ActionExecutorConfig) {}

  async execute(
    session: BrowserSession,
    action: BrowserActionV1,
    signal?: AbortSignal,
    context: ActionContext = {},
  ): Promise<ActionResultV1> {
    session.assertUsable();
    const started = performance.now();
    const parent = signal ? AbortSignal.any([session.signal, signal]) : session.signal;
    const budget = actionBudgetMs(action, this.config);
    const activity = new PageActivity(session.page);
    const progress = new ActionProgress();
    const settle = {
      quietMs: this.config.settleQuietMs,
      maxMs: this.config.settleTimeoutMs,
      ...(mostlyLocal(action) ? { graceMs: this.config.settleGraceMs } : {}),
    };
    const result = (fields: Omit<ActionResultV1, 'url' | 'durationMs'>): ActionResultV1 => ({
      ...fields,
      ...(progress.refoundAs ? { refoundAs: progress.refoundAs } : {}),
      url: session.page.url(),
      durationMs: Math.max(0, Math.round(performance.now() - started)),
    });
    try {
      const timeout = playwrightTimeoutMs(budget);
      await withDeadline(
        `${action.type} action`,
        budget,
        (deadline) =>
          this.perform(scopeOf(session, { timeout, signal: deadline }, progress), action, activity, context),
        parent,
      );
      await activity.settle(settle, parent);
      return result({ success: true, outcome: 'done' });
    } catch (error) {
      session.assertUsable();
      if (signal?.aborted)
        throw new BrowserException(BrowserExceptionCode.ABORTED, `${action.type} aborted`, { cause: signal.reason });
      if (isTargetClosedError(error) || session.page.isClosed()) {
        session.markLost(`the page went away during ${action.type}`);
        session.assertUsable();
      }
      const failure = toActionError(error);
      if (NEVER_RAN.has(failure.code) || !progress.acted)
        return result({ success: false, error: failure, outcome: 'not_done' });
      return result({ success: false, error: mayHaveRun(failure, progress.effect), outcome: 'unknown' });
    } finally {
      activity.dispose();
    }
  }

  private async perform(
    scope: ActionScope,
    action: BrowserActionV1,
    activity: PageActivity,
    context: ActionContext,
  ): Promise<void> {
    switch (action.type) {
      case 'click':
        return click(scope, action);
      case 'input_text':
        return inputText(scope, action);
      case 'select_option':
        return selectOption(scope, action);
      case 'checkbox':
        return setChecked(scope, action);
      case 'upload_file':
        return uploadFiles(scope, action, context.files);
      case 'hover':
        return hover(scope, action);
      case 'scroll':
        return scroll(scope, action);
      case 'keypress':
        return keypress(scope, action);
      case 'drag_and_drop':
        return dragAndDrop(scope, action);
      case 'wait':
        return wait(scope, action, activity, this.config.settleQuietMs);
      case 'goto_url':
      case 'go_back':
      case 'go_forward':
      case 'reload':
      case 'new_tab':
      case 'switch_tab':
      case 'close_tab':
        scope.progress.acting();
        return runPageAction(scope.session, action, scope.call);
    }
  }
}

function scopeOf(session: BrowserSession, call: CallOptions, progress: ActionProgress): ActionScope {
  const resolver = new ElementTargetResolver(session, progress, call);
  return { session, call, progress, target: (elementId) => resolver.resolve(elementId) };
}

/** The failure of an action that reached the page: say what it may have done, so nobody repeats it blindly. */
function mayHaveRun(failure: ActionError, effect: TargetEffect): ActionError {
  const done = effect === 'none' ? 'taken effect' : EFFECTS[effect];
  return {
    code: failure.code,
    message: `${failure.message}; it may have ${done}: scrape the page before repeating it`,
  };
}

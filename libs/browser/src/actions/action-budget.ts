import type { BrowserActionV1 } from '@webbyflow/contracts';

export interface ActionBudgetConfig {
  actionTimeoutMs: number;
  navigationTimeoutMs: number;
}

/** Headroom between Playwright's own timeout and our deadline, so Playwright's more precise error wins. */
export const PLAYWRIGHT_TIMEOUT_HEADROOM_MS = 250;

/** Deadline of one action: navigations get the navigation timeout, a wait its own length plus slack. */
export function actionBudgetMs(action: BrowserActionV1, config: ActionBudgetConfig): number {
  switch (action.type) {
    case 'goto_url':
    case 'go_back':
    case 'go_forward':
    case 'reload':
    case 'new_tab':
      return config.navigationTimeoutMs;
    case 'upload_file':
      // a URL source is downloaded first
      return config.navigationTimeoutMs + config.actionTimeoutMs;
    case 'wait':
      return action.ms + 1_000;
    case 'input_text':
      // fill, then maybe Enter: two element operations.
      return action.pressEnter ? config.actionTimeoutMs * 2 : config.actionTimeoutMs;
    case 'select_option':
    case 'drag_and_drop':
      // custom dropdowns and drags take two element operations
      return config.actionTimeoutMs * 2;
    case 'click':
    case 'checkbox':
    case 'scroll':
    case 'hover':
    case 'keypress':
    case 'switch_tab':
    case 'close_tab':
      return config.actionTimeoutMs;
  }
}

/** Timeout handed to each Playwright call inside an action with this budget. */
export function playwrightTimeoutMs(budgetMs: number): number {
  return Math.max(budgetMs - PLAYWRIGHT_TIMEOUT_HEADROOM_MS, Math.ceil(budgetMs / 2));
}

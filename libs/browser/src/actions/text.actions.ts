import type { BrowserActionV1 } from '@webbyflow/contracts';
import type { ActionScope, ActionTarget } from './action-call';
import { inspected } from './element-target.resolver';

type InputText = Extract<BrowserActionV1, { type: 'input_text' }>;
type Keypress = Extract<BrowserActionV1, { type: 'keypress' }>;

const ENTER = /(^|\+)Enter$/;

/**
 * Replaces the field's text (`fill`), or appends at its end when `clear` is false. Comboboxes and
 * autocomplete fields are typed key by key so the page's key handlers (suggestions) run.
 */
export async function inputText(scope: ActionScope, action: InputText): Promise<void> {
  const { locator, info } = await scope.target(action.elementId);
  if (action.pressEnter && info.enterSubmits) scope.progress.effect = 'submit';
  scope.progress.acting();
  if (action.clear === false) {
    await locator.press(info.multiline ? 'ControlOrMeta+End' : 'End', scope.call);
    await locator.pressSequentially(action.text, scope.call);
  } else if (info.typeahead) {
    await locator.fill('', scope.call);
    await locator.pressSequentially(action.text, scope.call);
  } else {
    await locator.fill(action.text, scope.call);
  }
  if (action.pressEnter) await locator.press('Enter', scope.call);
}

/** A key or combination (`Control+A`, `Escape`) on the element, or on whatever has focus. */
export async function keypress(scope: ActionScope, action: Keypress): Promise<void> {
  const target = action.elementId ? await scope.target(action.elementId) : await focused(scope);
  if (ENTER.test(action.keys) && (target?.info.enterSubmits ?? true)) scope.progress.effect = 'submit';
  scope.progress.acting();
  if (target && action.elementId) await target.locator.press(action.keys, scope.call);
  else await scope.session.page.keyboard.press(action.keys);
}

/** The focused element of the main frame, to judge what Enter would do; undefined when nothing has focus. */
async function focused(scope: ActionScope): Promise<ActionTarget | undefined> {
  const locator = scope.session.page.locator('*:focus').first();
  if ((await locator.count()) === 0) return undefined;
  const read = async <R>(fn: (el: Element) => R) => (await locator.evaluate(fn, undefined, scope.call)) as R;
  return { locator, info: await inspected(locator, scope.call), read };
}

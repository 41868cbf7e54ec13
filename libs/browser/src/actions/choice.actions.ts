import { sleep } from '@webbyflow/common';
import type { BrowserActionV1 } from '@webbyflow/contracts';
import type { Frame, Locator } from 'playwright-core';
import { BrowserException, BrowserExceptionCode } from '../browser.exception';
import type { ActionScope, CallOptions } from './action-call';
import { collectDropdownOptions, dropdownShows, readDropdown, type DropdownOption } from './dropdown.scripts';
import { readSelectOptions, readToggleState } from './element.scripts';
import { describeOptions, matchSelectOption } from './select-option.matcher';

type SelectOption = Extract<BrowserActionV1, { type: 'select_option' }>;
type Checkbox = Extract<BrowserActionV1, { type: 'checkbox' }>;

/** Attribute marking a custom dropdown's options for one action, so the chosen one can be clicked. */
const OPTION_MARK = 'data-wf-option';
/** Longest wait for a popup's options (or the one we want) to show, and for the control to show the pick. */
const OPTIONS_WAIT_MS = 3_000;
const OPTIONS_POLL_MS = 50;
const OPTIONS_STABLE_MS = 600;

/** Picks an option of a native `<select>`, a datalist input, or a custom combobox/listbox/popup button. */
export async function selectOption(scope: ActionScope, action: SelectOption): Promise<void> {
  const target = await scope.target(action.elementId);
  const { locator } = target;
  const native = await target.read(readSelectOptions);
  if (native) {
    const match = matchSelectOption(native, action.option);
    if (!match) throw optionNotFound(action, native);
    scope.progress.acting();
    await locator.selectOption({ value: match.value }, scope.call);
    return;
  }
  await selectCustom(scope, locator, action);
}

async function selectCustom(scope: ActionScope, control: Locator, action: SelectOption): Promise<void> {
  const { call } = scope;
  const state = await control.evaluate(readDropdown, undefined, call);
  if (state.kind === 'none') {
    throw new BrowserException(
      BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
      `Element ${action.elementId} is neither a <select> nor a dropdown (combobox, listbox or a button with ` +
        'aria-haspopup); click it to open the list, then click the option',
    );
  }
  if (state.kind === 'datalist') {
    const match = matchSelectOption(await control.evaluate(collectDropdownOptions, OPTION_MARK, call), action.option);
    scope.progress.acting();
    await control.fill(match?.value ?? action.option, call);
    return;
  }
  scope.progress.acting();
  if (state.kind === 'typeahead') {
    await control.fill('', call);
    await control.pressSequentially(action.option, call);
  } else if (state.kind === 'popup' && !state.expanded) {
    await control.click(call);
  }
  const match = await waitForOption(control, action, call);
  const frame = await ownerFrame(control, call);
  await frame.locator(`[${OPTION_MARK}="${match.index}"]`).click(call);
  await control
    .waitForFunction(dropdownShows, match, {
      timeout: Math.min(OPTIONS_WAIT_MS, call.timeout / 2),
      signal: call.signal,
    })
    .catch((error: unknown) => {
      call.signal.throwIfAborted();
      throw new BrowserException(
        BrowserExceptionCode.ACTION_FAILED,
        `Clicked option "${match.label}" of ${action.elementId}, but the control does not show it`,
        { cause: error },
      );
    });
}

/**
 * Polls the control's options until one matches; the popup may render late or filter as it is typed into.
 * Gives up at the cap, or once a non-empty list has stayed the same for OPTIONS_STABLE_MS without a match.
 */
async function waitForOption(control: Locator, action: SelectOption, call: CallOptions): Promise<DropdownOption> {
  const until = performance.now() + Math.min(OPTIONS_WAIT_MS, call.timeout / 2);
  let seen = '';
  let seenSince = performance.now();
  for (;;) {
    const options = await control.evaluate(collectDropdownOptions, OPTION_MARK, call);
    const match = matchSelectOption(options, action.option);
    if (match) return match;
    const now = performance.now();
    const labels = JSON.stringify(options.map((o) => o.label));
    if (labels !== seen) [seen, seenSince] = [labels, now];
    if (now >= until || (options.length > 0 && now - seenSince >= OPTIONS_STABLE_MS)) {
      await control.press('Escape', call).catch(() => undefined);
      throw options.length
        ? optionNotFound(action, options)
        : new BrowserException(
            BrowserExceptionCode.OPTION_NOT_FOUND,
            `${action.elementId} showed no options after it was opened; scrape the page to see what it shows`,
          );
    }
    await sleep(OPTIONS_POLL_MS, call.signal);
  }
}

/** The frame holding the element, so a popup rendered elsewhere in that frame (a portal) can be reached. */
async function ownerFrame(locator: Locator, call: CallOptions): Promise<Frame> {
  const handle = await locator.elementHandle(call);
  try {
    const frame = await handle.ownerFrame();
    if (!frame) throw new BrowserException(BrowserExceptionCode.ELEMENT_NOT_FOUND, 'The element left the page');
    return frame;
  } finally {
    await handle.dispose();
  }
}

function optionNotFound(action: SelectOption, options: readonly { value: string; label: string }[]): BrowserException {
  return new BrowserException(
    BrowserExceptionCode.OPTION_NOT_FOUND,
    `No option "${action.option}" in ${action.elementId}; options are ${describeOptions(options)}`,
  );
}

/** Clicks a checkbox, radio or ARIA toggle (or its label) only when its state differs, then verifies it. */
export async function setChecked(scope: ActionScope, action: Checkbox): Promise<void> {
  const target = await scope.target(action.elementId);
  const { locator } = target;
  const { call } = scope;
  const before = await target.read(readToggleState);
  if (before.kind === 'none') {
    throw new BrowserException(
      BrowserExceptionCode.ELEMENT_NOT_INTERACTABLE,
      `Element ${action.elementId} is not a checkbox, radio or switch`,
    );
  }
  if (before.checked === action.checked) return;
  if (before.kind === 'radio' && !action.checked) {
    throw new BrowserException(
      BrowserExceptionCode.ACTION_FAILED,
      `Radio ${action.elementId} cannot be unchecked; check another option of its group`,
    );
  }
  scope.progress.acting();
  await locator.click(call);
  const after = await target.read(readToggleState);
  if (after.checked !== action.checked) {
    throw new BrowserException(
      BrowserExceptionCode.ACTION_FAILED,
      `Clicking ${action.elementId} did not make it ${action.checked ? 'checked' : 'unchecked'}`,
    );
  }
}

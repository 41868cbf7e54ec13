import type { BrowserActionV1 } from '@webbyflow/contracts';
import type { ActionScope } from './action-call';
import { readyForClick } from './element.scripts';

type Click = Extract<BrowserActionV1, { type: 'click' }>;
type Hover = Extract<BrowserActionV1, { type: 'hover' }>;
type DragAndDrop = Extract<BrowserActionV1, { type: 'drag_and_drop' }>;

/** Intermediate pointer moves of a drag: pointer-event based sortables only react to real movement. */
const DRAG_STEPS = 12;

/**
 * Single, double or right click (the last opens the page's context menu). A single click on a top-frame element
 * that `readyForClick` finds enabled, shown, unanimated and not covered skips Playwright's actionability wait
 * (~30–50 ms: two animation frames and a hit test); any other gets it.
 */
export async function click(scope: ActionScope, action: Click): Promise<void> {
  const target = await scope.target(action.elementId);
  const { locator, info } = target;
  scope.progress.effect = info.effect;
  const mode = action.mode ?? 'single';
  // In the top frame only: an iframe's own hit test cannot see what covers the iframe.
  const fast =
    mode === 'single' &&
    scope.session.locatorOf(action.elementId)?.frame === scope.session.page.mainFrame() &&
    (await target.read(readyForClick));
  scope.progress.acting();
  switch (mode) {
    case 'single':
      return locator.click(fast ? { ...scope.call, force: true } : scope.call);
    case 'double':
      return locator.dblclick(scope.call);
    case 'right':
      return locator.click({ ...scope.call, button: 'right' });
  }
}

/** Moves the pointer onto the element, e.g. to open a menu that only shows on hover. */
export async function hover(scope: ActionScope, action: Hover): Promise<void> {
  const { locator } = await scope.target(action.elementId);
  scope.progress.acting();
  await locator.hover(scope.call);
}

/**
 * Presses on the source, moves in steps and releases over the target. Chromium turns this into HTML5
 * drag events when the source is draggable, and plain pointer/mouse events otherwise, so both kinds work.
 */
export async function dragAndDrop(scope: ActionScope, action: DragAndDrop): Promise<void> {
  const source = await scope.target(action.elementId);
  const target = await scope.target(action.targetElementId);
  scope.progress.acting();
  await source.locator.dragTo(target.locator, { ...scope.call, steps: DRAG_STEPS });
}

import type { BrowserActionV1 } from '@webbyflow/contracts';
import type { ActionScope } from './action-call';

type Click = Extract<BrowserActionV1, { type: 'click' }>;
type Hover = Extract<BrowserActionV1, { type: 'hover' }>;
type DragAndDrop = Extract<BrowserActionV1, { type: 'drag_and_drop' }>;

/** Intermediate pointer moves of a drag: pointer-event based sortables only react to real movement. */
const DRAG_STEPS = 12;

/** Single, double or right click (the last opens the page's context menu). */
export async function click(scope: ActionScope, action: Click): Promise<void> {
  const { locator, info } = await scope.target(action.elementId);
  scope.progress.effect = info.effect;
  scope.progress.acting();
  switch (action.mode ?? 'single') {
    case 'single':
      return locator.click(scope.call);
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

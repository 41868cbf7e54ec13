import type { ActionV1, CachedActionV1, CachedStepV1, ElementTreeV1 } from '@webbyflow/contracts';
import { findByFingerprint, fingerprintOf } from './element-fingerprint';
import { learnExtraction, replayExtraction } from './extraction-locator';
import { pageFingerprint } from './page-fingerprint';

type Tree = Pick<ElementTreeV1, 'elements' | 'text'>;
type TargetField = keyof CachedActionV1['targets'];
const TARGET_FIELDS: readonly TargetField[] = ['elementId', 'targetElementId'];

function targetIds(action: ActionV1): Partial<Record<TargetField, string>> {
  const out: Partial<Record<TargetField, string>> = {};
  for (const field of TARGET_FIELDS) {
    const value = (action as Partial<Record<TargetField, unknown>>)[field];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}

/**
 * The step as the cache keeps it: each action with the prints of the elements it targets, and for a
 * `complete` with data, where each field was read. Payload values are the orchestrator's to turn into
 * references (llm-svc only sees placeholders for secrets). Undefined when an action's element is not in
 * the tree (it cannot be found again).
 */
export function toCachedStep(actions: readonly ActionV1[], tree: Tree): CachedStepV1 | undefined {
  const cached: CachedActionV1[] = [];
  for (const action of actions) {
    const targets: CachedActionV1['targets'] = {};
    for (const [field, id] of Object.entries(targetIds(action)) as Array<[TargetField, string]>) {
      const print = fingerprintOf(id, tree);
      if (!print) return undefined;
      targets[field] = print;
    }
    const entry: CachedActionV1 = { action, targets };
    if (action.type === 'complete' && action.data !== undefined) {
      const extraction = learnExtraction(action.data, tree.text);
      if (extraction) entry.extraction = extraction;
    }
    cached.push(entry);
  }
  return cached.length > 0 ? { pageFingerprint: pageFingerprint(tree), actions: cached } : undefined;
}

export type CachedStepReplay = { kind: 'hit'; actions: ActionV1[] } | { kind: 'miss'; reason: string };

/**
 * The cached step's actions with element ids of THIS page, each target checked before it is used (a step
 * with no target, or any step with `samePage` — the first, whose page print is part of the cache key — must
 * be on a page of the same shape); a miss says why (an element is gone or ambiguous,
 * data that cannot be read again, another page), and the step goes to a planner instead.
 */
export function replayCachedStep(
  step: CachedStepV1,
  tree: Tree,
  options: { samePage?: boolean } = {},
): CachedStepReplay {
  // With no element to check (a bare `complete`, a scroll), the page's shape is the only evidence it is the same page.
  const checksElements = step.actions.some((cached) => Object.keys(cached.targets).length > 0);
  if ((options.samePage || !checksElements) && step.pageFingerprint !== pageFingerprint(tree))
    return { kind: 'miss', reason: 'the page has other controls than when the step was cached' };
  const actions: ActionV1[] = [];
  for (const [index, cached] of step.actions.entries()) {
    let action = { ...cached.action };
    for (const field of TARGET_FIELDS) {
      const print = cached.targets[field];
      if (!print) continue;
      const id = findByFingerprint(print, tree);
      if (!id)
        return { kind: 'miss', reason: `action ${index} (${action.type}): no certain match for ${describe(print)}` };
      action = { ...action, [field]: id };
    }
    if (action.type === 'complete' && cached.action.type === 'complete' && cached.action.data !== undefined) {
      const data = cached.extraction ? replayExtraction(cached.extraction, tree.text) : undefined;
      if (!data)
        return { kind: 'miss', reason: `action ${index} (complete): the data cannot be read again from this page` };
      action = { ...action, data };
    }
    actions.push(action);
  }
  return { kind: 'hit', actions };
}

function describe(print: CachedActionV1['targets'][TargetField]): string {
  return print ? `${print.role} "${print.name}"${print.of > 1 ? ` (${print.nth + 1} of ${print.of})` : ''}` : '';
}

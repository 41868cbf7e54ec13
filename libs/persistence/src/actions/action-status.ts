import { StepViewV1 } from '@webbyflow/contracts';

export type ActionStatus = StepViewV1['actions'][number]['status'];

/** Values of the `actions.status` CHECK constraint, taken from the contract. */
export const ACTION_STATUSES: readonly ActionStatus[] = StepViewV1.shape.actions.element.shape.status.options;

import { StepViewV1 } from '@webbyflow/contracts';

export type StepStatus = StepViewV1['status'];

/** Values of the `steps.status` CHECK constraint, taken from the contract. */
export const STEP_STATUSES: readonly StepStatus[] = StepViewV1.shape.status.options;

import { DomainException } from '@webbyflow/common';

export enum PlannerSelectionExceptionCode {
  /** The task asked for the `llm` planner and llm-svc has no model configured. */
  MODEL_NOT_CONFIGURED = 'MODEL_NOT_CONFIGURED',
}

export class PlannerSelectionException extends DomainException<PlannerSelectionExceptionCode> {
  // a missing model does not appear by retrying: the run fails with this reason
  readonly terminal = true;
}

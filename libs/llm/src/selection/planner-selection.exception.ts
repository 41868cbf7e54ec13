import { DomainException } from '@webbyflow/common';

export enum PlannerSelectionExceptionCode {
  /** The task asked for the `llm` planner and llm-svc has no model configured. */
  MODEL_NOT_CONFIGURED = 'MODEL_NOT_CONFIGURED',
  /** The task asked for `cache_only` and the action-plan cache has no step that fits this page. */
  CACHE_MISS = 'CACHE_MISS',
}

export class PlannerSelectionException extends DomainException<PlannerSelectionExceptionCode> {
  // a missing model or cache entry does not appear by retrying: the run fails with this reason
  readonly terminal = true;
}

import { DomainException } from '@webbyflow/common';

export enum OrchestratorExceptionCode {
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  TASK_ALREADY_FINISHED = 'TASK_ALREADY_FINISHED',
  /** More runs wait for a slot than ORCHESTRATOR_MAX_QUEUED (or its per-org twin) allows. */
  QUEUE_FULL = 'QUEUE_FULL',
  /** An Idempotency-Key came back with a different task spec. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

export class OrchestratorException extends DomainException<OrchestratorExceptionCode> {
  readonly terminal = true;
}

import { DomainException } from '@webbyflow/common';

export enum OrchestratorExceptionCode {
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  TASK_ALREADY_FINISHED = 'TASK_ALREADY_FINISHED',
}

export class OrchestratorException extends DomainException<OrchestratorExceptionCode> {
  readonly terminal = true;
}

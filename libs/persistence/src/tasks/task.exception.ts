import { DomainException } from '@webbyflow/common';

export enum TaskExceptionCode {
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

/** Thrown when a caller asks for something the task lifecycle does not allow; retrying cannot help. */
export class TaskException extends DomainException<TaskExceptionCode> {
  readonly terminal = true;
}

import { DomainException } from '@webbyflow/common';

export enum MessagingExceptionCode {
  INVALID_MESSAGE = 'MESSAGING_INVALID_MESSAGE',
  HANDLER_MISSING = 'MESSAGING_HANDLER_MISSING',
  HANDLER_DUPLICATE = 'MESSAGING_HANDLER_DUPLICATE',
  ROUTE_MISSING = 'MESSAGING_ROUTE_MISSING',
  NO_RESPONDER = 'MESSAGING_NO_RESPONDER',
  REQUEST_TIMEOUT = 'MESSAGING_REQUEST_TIMEOUT',
  REMOTE_ERROR = 'MESSAGING_REMOTE_ERROR',
  VALUE_TOO_LARGE = 'MESSAGING_VALUE_TOO_LARGE',
}

export class MessagingException extends DomainException<MessagingExceptionCode> {
  readonly terminal: boolean;

  constructor(code: MessagingExceptionCode, message: string, options?: { cause?: unknown; terminal?: boolean }) {
    super(code, message, options);
    this.terminal = options?.terminal ?? code !== MessagingExceptionCode.REQUEST_TIMEOUT;
  }
}

/** An error returned by a query responder, carrying the remote `{name, code, message}`. */
export class RemoteException extends DomainException<string> {
  constructor(
    readonly remoteName: string,
    code: string,
    message: string,
    readonly terminal: boolean,
  ) {
    super(code, message);
  }
}

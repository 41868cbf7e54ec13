import { DomainException } from '@webbyflow/common';

export enum WebhookExceptionCode {
  /** Resend asked for a run that has not ended: there is no final result yet. */
  TASK_NOT_FINISHED = 'TASK_NOT_FINISHED',
  /** Resend asked for a run that has no webhook_url. */
  WEBHOOK_NOT_CONFIGURED = 'WEBHOOK_NOT_CONFIGURED',
  /** The receiver did not answer in time or the connection failed; worth another attempt. */
  WEBHOOK_UNREACHABLE = 'WEBHOOK_UNREACHABLE',
}

export class WebhookException extends DomainException<WebhookExceptionCode> {
  get terminal(): boolean {
    return this.code !== WebhookExceptionCode.WEBHOOK_UNREACHABLE;
  }
}

import { DomainException } from '@webbyflow/common';

/** Every error code the public API answers with; the gateway's filter maps each to an HTTP status. */
export enum ApiExceptionCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_REQUEST = 'MALFORMED_REQUEST',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  HEADERS_TOO_LARGE = 'HEADERS_TOO_LARGE',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  ARTIFACT_NOT_FOUND = 'ARTIFACT_NOT_FOUND',
  ARTIFACT_PENDING = 'ARTIFACT_PENDING',
  TASK_ALREADY_FINISHED = 'TASK_ALREADY_FINISHED',
  TASK_NOT_FINISHED = 'TASK_NOT_FINISHED',
  WEBHOOK_NOT_CONFIGURED = 'WEBHOOK_NOT_CONFIGURED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  QUEUE_FULL = 'QUEUE_FULL',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/**
 * One bad part of a request, named as the client sent it, with what to send instead: a body field by
 * its path (`payload.email`), a query or path parameter (`limit`, `id`) or a header (`x-api-key`).
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface ApiExceptionOptions {
  cause?: unknown;
  fields?: FieldProblem[];
  /** For SERVICE_UNAVAILABLE and QUEUE_FULL: when the client may try again. */
  retryAfterSeconds?: number;
}

/** What the gateway's use cases throw; never an HTTP exception (STYLE.md §10). */
export class ApiException extends DomainException<ApiExceptionCode> {
  readonly terminal: boolean;
  readonly fields: FieldProblem[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ApiExceptionCode, message: string, options: ApiExceptionOptions = {}) {
    super(code, message, { cause: options.cause });
    this.terminal =
      code !== ApiExceptionCode.SERVICE_UNAVAILABLE &&
      code !== ApiExceptionCode.INTERNAL &&
      code !== ApiExceptionCode.QUEUE_FULL;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const UNAUTHENTICATED_MESSAGE = 'send a valid API key in the x-api-key header';

// The same answer for a missing, unknown, wrong or revoked key: which one it was is no one's business.
export const unauthenticated = (): ApiException =>
  new ApiException(ApiExceptionCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE, {
    fields: [{ field: 'x-api-key', message: 'must be a valid API key' }],
  });

import { HttpStatus } from '@nestjs/common';
import { ApiExceptionCode } from '@webbyflow/api';

// Not in Nest's HttpStatus; Node answers it when the request line and headers pass --max-http-header-size.
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431;

/** The HTTP status of each API error code; adding a code without a status here does not compile. */
export function httpStatusOf(code: ApiExceptionCode): HttpStatus | typeof REQUEST_HEADER_FIELDS_TOO_LARGE {
  switch (code) {
    case ApiExceptionCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case ApiExceptionCode.VALIDATION_FAILED:
    case ApiExceptionCode.MALFORMED_REQUEST:
      return HttpStatus.BAD_REQUEST;
    case ApiExceptionCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ApiExceptionCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ApiExceptionCode.HEADERS_TOO_LARGE:
      return REQUEST_HEADER_FIELDS_TOO_LARGE;
    case ApiExceptionCode.ROUTE_NOT_FOUND:
    case ApiExceptionCode.TASK_NOT_FOUND:
    case ApiExceptionCode.ARTIFACT_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ApiExceptionCode.ARTIFACT_PENDING:
    case ApiExceptionCode.TASK_ALREADY_FINISHED:
    case ApiExceptionCode.TASK_NOT_FINISHED:
    case ApiExceptionCode.WEBHOOK_NOT_CONFIGURED:
    case ApiExceptionCode.IDEMPOTENCY_KEY_REUSED:
      return HttpStatus.CONFLICT;
    case ApiExceptionCode.QUEUE_FULL:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ApiExceptionCode.SERVICE_UNAVAILABLE:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ApiExceptionCode.INTERNAL:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}

import { HttpException } from '@nestjs/common';
import { ApiException, ApiExceptionCode, unauthenticated } from '@webbyflow/api';

export const BODY_LIMIT = '1mb';

/** Status of an error raised by Nest or Express itself (a route miss, body-parser's errors). */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Any error as the API error the client gets; what is not ours and not a 4xx is INTERNAL. */
export function toApiException(exception: unknown, method: string, path: string): ApiException {
  if (exception instanceof ApiException) return exception;
  const status = statusOf(exception);
  const detail = exception instanceof Error ? exception.message : String(exception);
  if (status === undefined || status >= 500) {
    return new ApiException(
      ApiExceptionCode.INTERNAL,
      'something went wrong on our side; retry, and report the x-request-id if it keeps failing',
      { cause: exception },
    );
  }
  switch (status) {
    case 401:
      return unauthenticated();
    case 404:
      return new ApiException(ApiExceptionCode.ROUTE_NOT_FOUND, `there is no ${method} ${path}; see /docs`);
    case 413:
      return new ApiException(ApiExceptionCode.PAYLOAD_TOO_LARGE, `the request body is over ${BODY_LIMIT}`);
    default:
      return new ApiException(ApiExceptionCode.MALFORMED_REQUEST, `the request could not be read: ${detail}`);
  }
}

import { HttpException } from '@nestjs/common';
import { ApiException, ApiExceptionCode, type FieldProblem, unauthenticated } from '@webbyflow/api';
import { formatBytes } from './body-limit';

// JSON.parse explains where the text breaks ("… at position 9 (line 1 column 10)"); long ones are cut.
const MAX_DETAIL_LENGTH = 200;

/** What Express and body-parser attach to the errors they raise (http-errors). */
interface HttpError {
  status?: unknown;
  type?: unknown;
  limit?: unknown;
  /** zlib's, e.g. `Z_DATA_ERROR`, when a gzip/deflate/br body does not decompress. */
  code?: unknown;
}

/** Status of an error raised by Nest or Express itself (a route miss, body-parser's errors). */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as HttpError | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

const problem = (code: ApiExceptionCode, message: string, field: FieldProblem) =>
  new ApiException(code, `${message}: ${field.field} ${field.message}`, { fields: [field] });

/** The error Express or body-parser raised; Nest's adapter wraps it in an HttpException as `cause`. */
const rawErrorOf = (exception: unknown): unknown =>
  exception instanceof HttpException && exception.cause !== undefined ? exception.cause : exception;

/** Express's and body-parser's refusals, each naming the part of the request at fault. */
function fromExpress(exception: unknown): ApiException | undefined {
  const raw = rawErrorOf(exception);
  if (raw instanceof URIError) {
    return problem(ApiExceptionCode.MALFORMED_REQUEST, 'the request path could not be read', {
      field: 'path',
      message: 'must be percent-encoded UTF-8',
    });
  }
  const { type, limit, code } = (raw ?? {}) as HttpError;
  const detail = raw instanceof Error ? raw.message.slice(0, MAX_DETAIL_LENGTH) : '';
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return problem(ApiExceptionCode.MALFORMED_REQUEST, 'the request body could not be read', {
      field: 'content-encoding',
      message: `does not match the body, which does not decompress (${detail})`,
    });
  }
  switch (type) {
    case 'entity.parse.failed':
      return problem(ApiExceptionCode.MALFORMED_REQUEST, 'the request body could not be read', {
        field: 'body',
        message: `is not valid JSON (${detail}); send one JSON object`,
      });
    case 'entity.too.large':
      return problem(ApiExceptionCode.PAYLOAD_TOO_LARGE, 'the request body is too large', {
        field: 'body',
        message: `must be at most ${typeof limit === 'number' ? formatBytes(limit) : 'the limit'}`,
      });
    case 'charset.unsupported':
      return problem(ApiExceptionCode.UNSUPPORTED_MEDIA_TYPE, 'the request body could not be read', {
        field: 'content-type',
        message: 'must be application/json with charset utf-8 (or none)',
      });
    case 'encoding.unsupported':
      return problem(ApiExceptionCode.UNSUPPORTED_MEDIA_TYPE, 'the request body could not be read', {
        field: 'content-encoding',
        message: 'must be gzip, deflate, br or identity (or none)',
      });
    case 'request.size.invalid':
      return problem(ApiExceptionCode.MALFORMED_REQUEST, 'the request body could not be read', {
        field: 'content-length',
        message: 'must match the bytes sent',
      });
    default:
      return undefined;
  }
}

/**
 * Any error as the API error the client gets; what is not ours and not a 4xx is INTERNAL, worded
 * without its details (they are logged, never sent).
 */
export function toApiException(exception: unknown, method: string, path: string): ApiException {
  if (exception instanceof ApiException) return exception;
  const status = statusOf(exception);
  if (status === undefined || status >= 500) {
    return new ApiException(
      ApiExceptionCode.INTERNAL,
      'something went wrong on our side; retry, and report the x-request-id if it keeps failing',
      { cause: exception },
    );
  }
  const expressError = fromExpress(exception);
  if (expressError) return expressError;
  switch (status) {
    case 401:
      return unauthenticated();
    case 404:
      return new ApiException(ApiExceptionCode.ROUTE_NOT_FOUND, `there is no ${method} ${path}; see /docs`);
    case 413:
      return problem(ApiExceptionCode.PAYLOAD_TOO_LARGE, 'the request body is too large', {
        field: 'body',
        message: 'must be smaller',
      });
    default:
      return problem(ApiExceptionCode.MALFORMED_REQUEST, 'the request could not be read', {
        field: 'request',
        message: 'must follow the OpenAPI document at /docs',
      });
  }
}

import { ApiExceptionCode } from '@webbyflow/api';
import { httpStatusOf } from './http-status';

describe(httpStatusOf.name, () => {
  it.each([
    [ApiExceptionCode.UNAUTHENTICATED, 401],
    [ApiExceptionCode.VALIDATION_FAILED, 400],
    [ApiExceptionCode.MALFORMED_REQUEST, 400],
    [ApiExceptionCode.PAYLOAD_TOO_LARGE, 413],
    [ApiExceptionCode.UNSUPPORTED_MEDIA_TYPE, 415],
    [ApiExceptionCode.HEADERS_TOO_LARGE, 431],
    [ApiExceptionCode.ROUTE_NOT_FOUND, 404],
    [ApiExceptionCode.TASK_NOT_FOUND, 404],
    [ApiExceptionCode.ARTIFACT_NOT_FOUND, 404],
    [ApiExceptionCode.TASK_ALREADY_FINISHED, 409],
    [ApiExceptionCode.SERVICE_UNAVAILABLE, 503],
    [ApiExceptionCode.INTERNAL, 500],
  ])('should answer %s with %d', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('should give every code a status when a code is added', () => {
    for (const code of Object.values(ApiExceptionCode)) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
  });
});

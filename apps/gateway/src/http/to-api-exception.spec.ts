import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ApiException, ApiExceptionCode } from '@webbyflow/api';
import { toApiException } from './to-api-exception';

const convert = (error: unknown) => toApiException(error, 'GET', '/v1/x');

describe(toApiException.name, () => {
  it('should keep an ApiException as it is', () => {
    const error = new ApiException(ApiExceptionCode.TASK_NOT_FOUND, 'gone');
    expect(convert(error)).toBe(error);
  });

  it('should answer ROUTE_NOT_FOUND naming the route when Nest has no route', () => {
    expect(convert(new NotFoundException('Cannot GET /v1/x'))).toMatchObject({
      code: ApiExceptionCode.ROUTE_NOT_FOUND,
      message: 'there is no GET /v1/x; see /docs',
    });
  });

  it('should answer PAYLOAD_TOO_LARGE when the body parser refuses the size', () => {
    expect(convert(new PayloadTooLargeException()).code).toBe(ApiExceptionCode.PAYLOAD_TOO_LARGE);
    expect(convert(Object.assign(new Error('too large'), { status: 413 })).code).toBe(
      ApiExceptionCode.PAYLOAD_TOO_LARGE,
    );
  });

  it('should answer MALFORMED_REQUEST with the reason when the body cannot be parsed', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400 });
    expect(convert(parseError)).toMatchObject({
      code: ApiExceptionCode.MALFORMED_REQUEST,
      message: 'the request could not be read: Unexpected end of JSON input',
    });
  });

  it('should answer INTERNAL without the details when the error is unexpected', () => {
    const error = convert(new TypeError('secret internals'));
    expect(error.code).toBe(ApiExceptionCode.INTERNAL);
    expect(error.message).not.toContain('secret');
  });
});

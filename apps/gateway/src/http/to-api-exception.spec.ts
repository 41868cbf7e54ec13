import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
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

  it('should answer PAYLOAD_TOO_LARGE with the limit when the body parser refuses the size', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
      limit: 524_288,
    });
    expect(convert(new HttpException('too large', 413, { cause: tooLarge }))).toMatchObject({
      code: ApiExceptionCode.PAYLOAD_TOO_LARGE,
      fields: [{ field: 'body', message: 'must be at most 524288 bytes (512 KiB)' }],
    });
    expect(convert(new PayloadTooLargeException()).code).toBe(ApiExceptionCode.PAYLOAD_TOO_LARGE);
  });

  it('should answer MALFORMED_REQUEST saying where the JSON breaks when the body cannot be parsed', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(convert(new BadRequestException(parseError.message, { cause: parseError }))).toMatchObject({
      code: ApiExceptionCode.MALFORMED_REQUEST,
      fields: [{ field: 'body', message: 'is not valid JSON (Unexpected end of JSON input); send one JSON object' }],
    });
  });

  it.each([
    ['charset.unsupported', 'content-type', ApiExceptionCode.UNSUPPORTED_MEDIA_TYPE],
    ['encoding.unsupported', 'content-encoding', ApiExceptionCode.UNSUPPORTED_MEDIA_TYPE],
    ['request.size.invalid', 'content-length', ApiExceptionCode.MALFORMED_REQUEST],
  ])('should name the header when the body parser refuses %s', (type, field, code) => {
    const error = Object.assign(new Error(type), { status: 415, type });
    expect(convert(error)).toMatchObject({ code, fields: [{ field }] });
  });

  it('should name the path when Express cannot decode it', () => {
    const error = Object.assign(new URIError('Failed to decode param'), { status: 400 });
    expect(convert(new BadRequestException('bad', { cause: error })).fields).toEqual([
      { field: 'path', message: 'must be percent-encoded UTF-8' },
    ]);
  });

  it('should name content-encoding when a compressed body does not decompress', () => {
    const error = Object.assign(new Error('incorrect header check'), { status: 400, code: 'Z_DATA_ERROR' });
    expect(convert(error)).toMatchObject({
      code: ApiExceptionCode.MALFORMED_REQUEST,
      fields: [{ field: 'content-encoding' }],
    });
  });

  it('should answer INTERNAL without the details when the error is unexpected', () => {
    const error = convert(new TypeError('secret internals'));
    expect(error.code).toBe(ApiExceptionCode.INTERNAL);
    expect(error.message).not.toContain('secret');
  });
});

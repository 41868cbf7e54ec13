import { ApiException, ApiExceptionCode, invalidRequest, jsonLimitProblem } from '@webbyflow/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { formatBytes } from './body-limit';

const JSON_TYPE = 'application/json';

const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * Runs before the body parser: a body in any other type would be skipped by the JSON parser (or
 * picked up by Nest's form parser) and then reported as missing fields; 415 says what to send.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!hasBody(req) || req.is(JSON_TYPE)) return next();
  const field = { field: 'content-type', message: `must be ${JSON_TYPE}` };
  next(
    new ApiException(
      ApiExceptionCode.UNSUPPORTED_MEDIA_TYPE,
      `the request body must be JSON: send Content-Type: ${JSON_TYPE}`,
      { fields: [field] },
    ),
  );
}

/**
 * Runs after the body parser: bounds what the byte limit does not (nesting, counts, text the
 * database cannot store), and the size once re-serialized. Numbers like `1e20` grow when written
 * out again, and the task travels written out, in one NATS message under the byte limit.
 */
export function checkJsonBody(limitBytes: number): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (body === undefined) return next();
    const problem = jsonLimitProblem(body);
    if (problem) return next(invalidRequest('body', [problem]));
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes <= limitBytes) return next();
    const field = {
      field: 'body',
      message: `is ${bytes} bytes written out; it must be at most ${formatBytes(limitBytes)}`,
    };
    next(
      new ApiException(ApiExceptionCode.PAYLOAD_TOO_LARGE, `the request body is too large: body ${field.message}`, {
        fields: [field],
      }),
    );
  };
}

import { type ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ApiExceptionCode, type ErrorResponse } from '@webbyflow/api';
import type { Request, Response } from 'express';
import { isApiPath } from './api-path';
import { httpStatusOf } from './http-status';
import { toApiException } from './to-api-exception';

/** The one HTTP exception filter: API error codes to statuses (STYLE.md §10). */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (exception instanceof HttpException && !isApiPath(req.path)) return super.catch(exception, host);
    const error = toApiException(exception, req.method, req.path);
    if (error.code === ApiExceptionCode.INTERNAL) {
      const cause = error.cause ?? exception;
      this.logger.error(
        `${req.method} ${req.path} failed: ${error.message}`,
        cause instanceof Error ? cause.stack : cause,
      );
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    // The id of this request is what support needs to find the logged details of an internal error.
    const requestId = typeof req.id === 'string' ? req.id : 'unknown';
    const message =
      error.code === ApiExceptionCode.INTERNAL ? `${error.message} (x-request-id ${requestId})` : error.message;
    const body: ErrorResponse = {
      error: { code: error.code, message, ...(error.fields ? { fields: error.fields } : {}) },
    };
    res.status(httpStatusOf(error.code)).json(body);
  }
}

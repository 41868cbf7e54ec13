import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { requestIdMiddleware } from './http/request-id.middleware';
import { BODY_LIMIT } from './http/to-api-exception';
import { setupOpenApi } from './openapi/openapi.document';

/**
 * HTTP setup done before Nest's init: request ids first (so every log line has one), then the JSON
 * parser with our limit (it replaces Nest's 100 kB one), then Swagger UI at /docs. No global prefix.
 */
export function configureGateway(app: INestApplication): void {
  app.use(requestIdMiddleware);
  // The gateway runs on Nest's default Express platform.
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: BODY_LIMIT });
  setupOpenApi(app);
}

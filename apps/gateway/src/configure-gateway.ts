import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from './gateway.config';
import { answerClientErrorsAsJson } from './http/client-error.handler';
import { checkJsonBody, requireJsonBody } from './http/json-body.middleware';
import { requestIdMiddleware } from './http/request-id.middleware';
import { setupOpenApi } from './openapi/openapi.document';

/**
 * HTTP setup done before Nest's init: request ids first (so every log line has one), then the body
 * checks around the JSON parser with our limit (it replaces Nest's 100 kB one): 415 for other types
 * before it, nesting and size bounds after it. Then Swagger UI at /docs. No global prefix.
 */
export function configureGateway(app: INestApplication, config: Pick<GatewayConfig, 'API_MAX_BODY_BYTES'>): void {
  app.use(requestIdMiddleware);
  // The gateway runs on Nest's default Express platform.
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(requireJsonBody);
  express.useBodyParser('json', { limit: config.API_MAX_BODY_BYTES });
  express.use(checkJsonBody(config.API_MAX_BODY_BYTES));
  answerClientErrorsAsJson(express.getHttpServer());
  setupOpenApi(app);
}

import { resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { API_PROVIDERS } from '@webbyflow/api';
import { HealthModule } from '@webbyflow/runtime';
import { GATEWAY_CONTROLLERS } from '../app.module';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { createOpenApiDocument } from './openapi.document';

/** `apps/gateway/openapi.json`, from src/openapi (ts) and dist/openapi (js) alike. */
export const OPENAPI_FILE = resolve(__dirname, '../../openapi.json');

/** The gateway's routes with inert providers: enough to describe them, without NATS or Postgres. */
@Module({
  imports: [HealthModule.forRoot({ useFactory: () => [] })],
  controllers: GATEWAY_CONTROLLERS,
  providers: [ApiKeyGuard, ...API_PROVIDERS.map((provide) => ({ provide, useValue: {} }))],
})
class OpenApiDocsModule {}

/** The OpenAPI document, generated offline (CI check and `write-openapi`). */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(OpenApiDocsModule, { logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { apiSchemaComponents } from '@webbyflow/api';
import { API_KEY_HEADER } from '../auth/api-key.guard';
import { API_KEY_SECURITY } from './api-docs.decorators';

export const DOCS_PATH = 'docs';

/**
 * The OpenAPI 3 document of the gateway: routes from the controllers' decorators, bodies from the
 * zod schemas in @webbyflow/api. Deterministic, so the checked-in `openapi.json` can be compared in CI.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('WebbyFlow API')
    .setDescription(
      'Automate websites with an LLM in the loop: give a URL, a goal, optional data and an output schema; ' +
        'get back structured results, screenshots and a record of every step.',
    )
    .setVersion('1.0.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, API_KEY_SECURITY)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...apiSchemaComponents() },
  };
  return document;
}

/** Serves Swagger UI at `/docs` and the document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    raw: ['json'],
    customSiteTitle: 'WebbyFlow API',
  });
}

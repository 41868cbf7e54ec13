import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { generateOpenApiDocument, OPENAPI_FILE } from './openapi-docs.app';

const HOW_TO_UPDATE =
  'apps/gateway/openapi.json is out of date: run `npm run build && npm run openapi` in apps/gateway';

describe(generateOpenApiDocument.name, () => {
  it('should produce exactly the checked-in openapi.json when the code and the file agree', async () => {
    // Compared as data: `prettier --check` in CI owns the file's layout.
    const generated: unknown = JSON.parse(JSON.stringify(await generateOpenApiDocument()));
    const checkedIn: unknown = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
    if (!isDeepStrictEqual(checkedIn, generated)) throw new Error(HOW_TO_UPDATE);
  });

  it('should describe every route with its bodies and the x-api-key scheme when generated', async () => {
    const document = await generateOpenApiDocument();
    expect(Object.keys(document.paths).sort()).toEqual([
      '/healthz',
      '/v1/artifacts/{id}/content',
      '/v1/plan-cache',
      '/v1/tasks',
      '/v1/tasks/{id}',
      '/v1/tasks/{id}/cancel',
      '/v1/tasks/{id}/events',
      '/v1/tasks/{id}/steps',
      '/v1/tasks/{id}/webhook/deliveries',
      '/v1/tasks/{id}/webhook/resend',
      '/v1/webhooks/signing-secret',
    ]);
    expect(document.components?.securitySchemes?.['api-key']).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
    });
    expect(document.paths['/v1/tasks'].post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateTaskRequest' } } },
    });
    expect(document.components?.schemas?.CreateTaskRequest).toMatchObject({
      additionalProperties: false,
      required: ['url', 'goal'],
      properties: { max_steps: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
    });
  });
});

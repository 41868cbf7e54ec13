import { readFileSync } from 'node:fs';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { AppModule } from './app.module';
import { OPENAPI_FILE } from './openapi/openapi-docs.app';
import { type GatewayHarness, startGatewayHarness } from './testing/gateway.harness';

describe(AppModule.name, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'app');
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  it('should serve the checked-in OpenAPI document at /docs-json and Swagger UI at /docs', async () => {
    const res = await gw.call('GET', '/docs-json', { key: null });
    expect(res.status).toBe(200);
    const document = await res.json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/tasks', '/v1/tasks/{id}', '/v1/tasks/{id}/steps', '/v1/tasks/{id}/cancel']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['CreateTaskRequest', 'TaskResponse', 'StepsResponse', 'ErrorResponse']),
    );
    expect(document).toEqual(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
    const ui = await gw.call('GET', '/docs', { key: null });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
  });

  it('should answer 404 ROUTE_NOT_FOUND in the API error form when a /v1 route does not exist', async () => {
    const res = await gw.call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('should report NATS, Postgres and the orchestrator as up when all answer', async () => {
    const res = await gw.call('GET', '/healthz', { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      info: { nats: { status: 'up' }, database: { status: 'up' }, orchestrator: { status: 'up' } },
    });
  });

  // Last: it takes the orchestrator away.
  it('should stay ready but degraded when the orchestrator does not answer', async () => {
    await gw.stopOrchestrator();
    const res = await gw.call('GET', '/healthz', { key: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'degraded',
      info: { nats: { status: 'up' }, database: { status: 'up' }, orchestrator: { status: 'degraded' } },
    });
  });
});

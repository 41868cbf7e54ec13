import { ApiKeyEntity } from '@webbyflow/persistence';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { ApiKeyGuard } from './api-key.guard';

// The same answer whatever was wrong with the key, naming only the header.
const UNAUTHENTICATED = {
  error: {
    code: 'UNAUTHENTICATED',
    message: 'send a valid API key in the x-api-key header',
    fields: [{ field: 'x-api-key', message: 'must be a valid API key' }],
  },
};

describe(ApiKeyGuard.name, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;
  const lastUsedAt = async (id: string) =>
    (await gw.db.dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ id })).lastUsedAt;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'auth');
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  it.each([
    ['missing', () => null],
    ['not in our format', () => 'Bearer secret'],
    ['unknown', () => `wf_00000000_${'a'.repeat(43)}`],
    ['a known prefix with the wrong secret', () => `${gw.orgA.key.slice(0, 12)}${'b'.repeat(43)}`],
    ['revoked', () => gw.revokedKey],
  ])('should answer 401 UNAUTHENTICATED on every /v1 route when the key is %s', async (_case, key) => {
    for (const [method, path] of [
      ['POST', '/v1/tasks'],
      ['GET', '/v1/tasks/3f0c2f4e-8d5b-4a41-9a0f-6f1f2f7c9b1a'],
      ['GET', '/v1/tasks/3f0c2f4e-8d5b-4a41-9a0f-6f1f2f7c9b1a/steps'],
      ['POST', '/v1/tasks/3f0c2f4e-8d5b-4a41-9a0f-6f1f2f7c9b1a/cancel'],
      ['GET', '/v1/artifacts/3f0c2f4e-8d5b-4a41-9a0f-6f1f2f7c9b1a/content'],
    ]) {
      const res = await gw.call(method, path, { key: key(), body: method === 'POST' ? {} : undefined });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(UNAUTHENTICATED);
    }
    expect(gw.orchestrator.created).toHaveLength(0);
  });

  it('should record when the key was used, at most once a minute, when calls succeed', async () => {
    expect(await lastUsedAt(gw.orgA.keyId)).toBeNull();
    await gw.call('GET', '/v1/tasks/3f0c2f4e-8d5b-4a41-9a0f-6f1f2f7c9b1a');
    const first = await lastUsedAt(gw.orgA.keyId);
    expect(first).toBeInstanceOf(Date);
    await gw.call('GET', '/v1/tasks/3f0c2f4e-8d5b-4a41-9a0f-6f1f2f7c9b1a');
    expect(await lastUsedAt(gw.orgA.keyId)).toEqual(first);
  });

  it('should echo x-request-id when the caller sends one, and make one up when not', async () => {
    const sent = await gw.call('GET', '/v1/tasks/x', { key: null, headers: { 'x-request-id': 'req-42.a' } });
    expect(sent.headers.get('x-request-id')).toBe('req-42.a');
    const made = await gw.call('GET', '/v1/tasks/x', { key: null, headers: { 'x-request-id': 'no spaces allowed' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should answer /healthz and /docs-json without a key when no key is sent', async () => {
    expect((await gw.call('GET', '/healthz', { key: null })).status).toBe(200);
    expect((await gw.call('GET', '/docs-json', { key: null })).status).toBe(200);
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { ArtifactsController } from './artifacts.controller';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const etag = `"${createHash('sha256').update(png).digest('hex')}"`;

describe(ArtifactsController.name, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;
  const content = (id: string, options: Parameters<GatewayHarness['call']>[2] = {}) =>
    gw.call('GET', `/v1/artifacts/${id}/content`, options);

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'artifacts');
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });
  afterEach(() => {
    gw.artifactSvc.leakOtherOrgs = false;
  });

  it('should stream the bytes with Content-Type, Content-Length and ETag when the artifact is the caller org’s', async () => {
    const artifact = gw.artifactSvc.add(gw.orgA.id, png);
    const res = await content(artifact.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-length')).toBe(String(png.length));
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png);
  });

  it('should stream a multi-megabyte artifact intact when it is larger than any body limit', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const artifact = gw.artifactSvc.add(gw.orgA.id, big, 'application/octet-stream');
    const res = await content(artifact.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(big.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
  });

  it('should answer 304 without the bytes when If-None-Match names the ETag', async () => {
    const artifact = gw.artifactSvc.add(gw.orgA.id, png);
    const res = await content(artifact.id, { headers: { 'if-none-match': `W/"x", ${etag}` } });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(etag);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('should answer 404 ARTIFACT_NOT_FOUND when the artifact belongs to another org', async () => {
    const artifact = gw.artifactSvc.add(gw.orgB.id, png);
    const res = await content(artifact.id);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('ARTIFACT_NOT_FOUND');
    expect((await content(artifact.id, { key: gw.orgB.key })).status).toBe(200);
  });

  it('should answer 404 when artifact-svc wrongly serves another org’s artifact, checking the org itself', async () => {
    gw.artifactSvc.leakOtherOrgs = true;
    const artifact = gw.artifactSvc.add(gw.orgB.id, png);
    const res = await content(artifact.id);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('ARTIFACT_NOT_FOUND');
  });

  it.each([
    ['unknown', () => randomUUID()],
    ['malformed', () => 'abc'],
  ])('should answer 404 ARTIFACT_NOT_FOUND when the id is %s', async (_case, id) => {
    const res = await content(id());
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('ARTIFACT_NOT_FOUND');
  });

  it('should answer 404 when artifact-svc knows the artifact but has no bytes for it', async () => {
    const artifact = gw.artifactSvc.add(gw.orgA.id, png);
    gw.artifactSvc.withoutBytes.add(artifact.id);
    const res = await content(artifact.id);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('ARTIFACT_NOT_FOUND');
  });

  it('should answer 409 ARTIFACT_PENDING with Retry-After, not the bytes, while the artifact waits to be stored', async () => {
    const artifact = gw.artifactSvc.add(gw.orgA.id, png);
    gw.artifactSvc.pending.add(artifact.id);
    const res = await content(artifact.id);
    expect(res.status).toBe(409);
    expect(res.headers.get('retry-after')).toBe('10');
    const body = await res.json();
    expect(body.error.code).toBe('ARTIFACT_PENDING');
    expect(body.error.message).toContain('pending');
  });

  // Last: it stops artifact-svc's HTTP server.
  it('should answer 503 with Retry-After when artifact-svc does not serve the bytes', async () => {
    const artifact = gw.artifactSvc.add(gw.orgA.id, png);
    await gw.artifactSvc.close();
    const res = await content(artifact.id);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await res.json()).error.code).toBe('SERVICE_UNAVAILABLE');
  });
});

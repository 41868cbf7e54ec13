import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ArtifactClientExceptionCode } from '@webbyflow/artifact-client';
import { EVENTS_STREAM } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';
import { startNatsServer, type TestNatsServer, waitFor } from '@webbyflow/testing';
import { z } from 'zod';
import { startArtifactSvc, type ArtifactSvcUnderTest } from './artifact-svc.harness';

const MAX_BYTES = 256 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const Tree = z.object({ nodes: z.array(z.object({ id: z.string(), role: z.string(), name: z.string() })) });

describe('artifact-svc through ArtifactClient', () => {
  let nats: TestNatsServer;
  let nc: NatsConnection;
  let svc: ArtifactSvcUnderTest;
  const orgId = randomUUID();
  const taskId = randomUUID();
  const png = (body: Buffer) => ({
    orgId,
    taskId,
    stepIndex: 3,
    kind: 'screenshot' as const,
    contentType: 'image/png',
    body,
  });
  const post = (headers: Record<string, string>, body: Buffer) =>
    fetch(`${svc.url}/internal/v1/artifacts`, {
      method: 'POST',
      headers: {
        'content-type': 'image/png',
        'x-wf-org-id': orgId,
        'x-wf-task-id': taskId,
        'x-wf-kind': 'screenshot',
        ...headers,
      },
      body: new Uint8Array(body),
    });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    svc = await startArtifactSvc({ NATS_URL: nats.url, ARTIFACT_MAX_BYTES: String(MAX_BYTES) });
  });
  afterAll(async () => {
    await svc?.close();
    await nc?.close();
    await nats?.stop();
  });

  it('should download the same bytes and sha256 when a screenshot is uploaded', async () => {
    const body = randomBytes(40_000);
    const ref = await svc.client.upload(png(body));
    expect(ref).toEqual({
      artifactId: expect.any(String),
      kind: 'screenshot',
      contentType: 'image/png',
      sizeBytes: 40_000,
      sha256: sha256(body),
    });
    expect((await svc.client.download(ref.artifactId, orgId)).equals(body)).toBe(true);
    await expect(svc.client.getMeta(ref.artifactId, orgId)).resolves.toEqual({
      ...ref,
      orgId,
      taskId,
      state: 'stored',
    });
  });

  it('should stream an artifact with its exact content type, size and sha256', async () => {
    const body = Buffer.from('<html><body>hello</body></html>');
    const ref = await svc.client.upload({ orgId, taskId, kind: 'html', contentType: 'text/html', body });
    const opened = await svc.client.openStream(ref.artifactId, orgId);
    expect(opened).toMatchObject({ contentType: 'text/html', sizeBytes: body.length, sha256: sha256(body) });
    expect((await buffer(opened.stream)).equals(body)).toBe(true);
  });

  it('should keep a JSON element tree byte for byte when it is larger than a JSON body limit', async () => {
    const tree = {
      nodes: Array.from({ length: 2_500 }, (_, i) => ({ id: `e${i}`, role: 'button', name: `Button ${i}` })),
    };
    const body = Buffer.from(JSON.stringify(tree, null, 2));
    expect(body.length).toBeGreaterThan(100 * 1024);
    const ref = await svc.client.upload({
      orgId,
      taskId,
      stepIndex: 0,
      kind: 'element_tree',
      contentType: 'application/json',
      body,
    });
    expect(ref.sha256).toBe(sha256(body));
    await expect(svc.client.downloadJson(ref.artifactId, orgId, Tree)).resolves.toEqual(tree);
  });

  it('should publish artifact.stored on the events stream when an artifact is stored', async () => {
    const ref = await svc.client.upload(png(randomBytes(100)));
    const jsm = await jetstreamManager(nc);
    const stored = await waitFor(
      async () => {
        const msg = await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: 'webbyflow.evt.artifact.stored.v1' });
        return msg?.json<{ id: string }>().id === `artifact:${ref.artifactId}:stored` ? msg.json() : undefined;
      },
      { what: 'artifact.stored event' },
    );
    expect(stored).toMatchObject({
      subject: 'webbyflow.evt.artifact.stored.v1',
      correlationId: taskId,
      causationId: null,
      orgId,
      payload: { taskId, stepIndex: 3, artifact: ref },
    });
  });

  it('should answer get_artifact for the owning org and NOT_FOUND for another org', async () => {
    const ref = await svc.client.upload(png(randomBytes(10)));
    const bus = svc.app.get(MessageBus);
    const meta = (id: string) => ({ id, correlationId: taskId, causationId: null, orgId });
    await expect(
      bus.request('webbyflow.qry.artifact.get_artifact.v1', { orgId, artifactId: ref.artifactId }, meta('q1')),
    ).resolves.toEqual({ ...ref, orgId, taskId, state: 'stored' });
    await expect(
      bus.request(
        'webbyflow.qry.artifact.get_artifact.v1',
        { orgId: randomUUID(), artifactId: ref.artifactId },
        meta('q2'),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', terminal: true });
  });

  it('should answer 400 naming x-wf-kind when the kind header is invalid', async () => {
    const response = await post({ 'x-wf-kind': 'video' }, Buffer.from('x'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'INVALID_PARAMETER',
      message: expect.stringContaining('x-wf-kind'),
    });
    await expect(svc.client.upload({ ...png(Buffer.from('x')), kind: 'video' as never })).rejects.toMatchObject({
      code: ArtifactClientExceptionCode.INVALID_REQUEST,
      terminal: true,
      message: expect.stringContaining('x-wf-kind'),
    });
  });

  it('should answer 413 when the body is over ARTIFACT_MAX_BYTES', async () => {
    const response = await post({}, Buffer.alloc(MAX_BYTES + 1));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'TOO_LARGE' });
    await expect(svc.client.upload(png(Buffer.alloc(MAX_BYTES + 1)))).rejects.toMatchObject({
      code: ArtifactClientExceptionCode.TOO_LARGE,
      terminal: true,
    });
  });

  it('should answer 404 when the id is unknown or the artifact is another org’s', async () => {
    const ref = await svc.client.upload(png(randomBytes(10)));
    const notFound = { code: ArtifactClientExceptionCode.NOT_FOUND, status: 404, terminal: true };
    await expect(svc.client.download(randomUUID(), orgId)).rejects.toMatchObject(notFound);
    await expect(svc.client.download(ref.artifactId, randomUUID())).rejects.toMatchObject(notFound);
    await expect(svc.client.openStream('not-a-uuid', orgId)).rejects.toMatchObject(notFound);
    expect((await fetch(`${svc.url}/internal/v1/artifacts/${randomUUID()}?orgId=${orgId}`)).status).toBe(404);
    expect((await fetch(`${svc.url}/internal/v1/artifacts/${ref.artifactId}/content`)).status).toBe(400);
  });

  it('should report database and NATS up on /healthz', async () => {
    const response = await fetch(`${svc.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, nats: { status: 'up' } },
    });
  });
});

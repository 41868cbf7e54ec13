import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactEntity } from '@webbyflow/persistence';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import S3rver from 's3rver';
import { s3rverEnv, startArtifactSvc, type ArtifactSvcUnderTest } from './artifact-svc.harness';

const BUCKET = 'webbyflow-artifacts';

describe('artifact-svc with ARTIFACT_STORAGE=s3', () => {
  let nats: TestNatsServer;
  let s3: S3rver;
  let s3Dir: string;
  let svc: ArtifactSvcUnderTest;

  beforeAll(async () => {
    nats = await startNatsServer();
    s3Dir = await mkdtemp(join(tmpdir(), 'wf-s3rver-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await s3.run();
    svc = await startArtifactSvc({
      NATS_URL: nats.url,
      ...s3rverEnv(`http://127.0.0.1:${port}`, BUCKET),
      S3_REQUEST_TIMEOUT_MS: '5000',
    });
  });
  afterAll(async () => {
    await svc?.close();
    await s3?.close();
    await rm(s3Dir, { recursive: true, force: true });
    await nats?.stop();
  });

  it('should keep the bytes in the bucket and return them unchanged when uploaded through ArtifactClient', async () => {
    const orgId = randomUUID();
    const body = randomBytes(50_000);
    const ref = await svc.client.upload({
      orgId,
      taskId: randomUUID(),
      kind: 'download',
      contentType: 'application/pdf',
      body,
    });
    expect(ref.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    const row = await svc.db.dataSource.getRepository(ArtifactEntity).findOneByOrFail({ id: ref.artifactId });
    expect(row.storageDriver).toBe('s3');
    expect((await svc.client.download(ref.artifactId, orgId)).equals(body)).toBe(true);
  });
});

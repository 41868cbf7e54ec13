import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactEntity, createScratchDatabase, type ScratchDatabase } from '@webbyflow/persistence';
import { EventRecorder, freePort, startNatsServer, type TestNatsServer, waitFor } from '@webbyflow/testing';
import S3rver from 's3rver';
import { s3rverEnv, startArtifactSvc, type ArtifactSvcUnderTest } from './artifact-svc.harness';

const BUCKET = 'webbyflow-artifacts';
const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');

describe('artifact-svc spool when S3 is down', () => {
  let nats: TestNatsServer;
  let db: ScratchDatabase;
  let s3: S3rver | undefined;
  let s3Dir: string;
  let spoolDir: string;
  let port: number;
  let svc: ArtifactSvcUnderTest | undefined;

  const startS3 = async () => {
    s3 = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: BUCKET }],
    });
    await s3.run();
  };
  const stopS3 = async () => {
    await s3?.close();
    s3 = undefined;
  };
  const boot = () =>
    startArtifactSvc(
      {
        NATS_URL: nats.url,
        ...s3rverEnv(`http://127.0.0.1:${port}`, BUCKET),
        S3_REQUEST_TIMEOUT_MS: '1000',
        ARTIFACT_SPOOL_DIR: spoolDir,
        ARTIFACT_SPOOL_MAX_FILES: '2',
        ARTIFACT_SPOOL_RETRY_MS: '200',
        ARTIFACT_SPOOL_MAX_BACKOFF_MS: '500',
      },
      { db },
    );
  const row = (id: string) => db.dataSource.getRepository(ArtifactEntity).findOneByOrFail({ id });
  const screenshot = (orgId: string, taskId: string, body: Buffer) => ({
    orgId,
    taskId,
    stepIndex: 0,
    kind: 'screenshot' as const,
    contentType: 'image/png',
    body,
  });

  beforeAll(async () => {
    [nats, db] = await Promise.all([startNatsServer(), createScratchDatabase({ label: 'artifact_spool' })]);
    s3Dir = await mkdtemp(join(tmpdir(), 'wf-s3rver-'));
    spoolDir = await mkdtemp(join(tmpdir(), 'wf-spool-'));
    port = await freePort();
  });
  afterAll(async () => {
    await svc?.close();
    await stopS3();
    await Promise.all([rm(s3Dir, { recursive: true, force: true }), rm(spoolDir, { recursive: true, force: true })]);
    await db?.drop();
    await nats?.stop();
  });

  it('should record a screenshot pending while S3 is down, survive a restart, and store it once S3 is back', async () => {
    svc = await boot(); // S3 is not running
    const [orgId, taskId] = [randomUUID(), randomUUID()];
    const body = randomBytes(20_000);
    const events = await EventRecorder.start(nats.url, { filter: 'webbyflow.evt.artifact.>' });

    const ref = await svc.client.upload(screenshot(orgId, taskId, body));
    expect(ref).toMatchObject({ state: 'pending', sha256: sha256(body), sizeBytes: body.length });
    expect((await row(ref.artifactId)).state).toBe('pending');
    expect(await svc.client.getMeta(ref.artifactId, orgId)).toMatchObject({ state: 'pending' });
    // The planner can still read it: the bytes come from the spool.
    expect((await svc.client.download(ref.artifactId, orgId)).equals(body)).toBe(true);
    expect(events.events).toEqual([]); // artifact.stored waits for the store

    await svc.close(); // a restart: the spool is found again on boot
    svc = await boot();
    await startS3();

    await waitFor(async () => (await row(ref.artifactId)).state === 'stored', {
      timeoutMs: 15_000,
      what: 'the spooled screenshot stored',
    });
    const stored = await row(ref.artifactId);
    expect(stored).toMatchObject({ sha256: sha256(body), sizeBytes: body.length, storageDriver: 's3' });
    const s3Client = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const object = await s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: stored.storageKey }));
    expect(sha256(Buffer.from(await object.Body!.transformToByteArray()))).toBe(sha256(body));
    s3Client.destroy();
    expect(await readdir(spoolDir)).toEqual([]);
    await events.waitFor('webbyflow.evt.artifact.stored.v1', (e) => e.payload.artifact.artifactId === ref.artifactId);
    await events.stop();
  });

  it('should refuse an upload with 503, and keep the spooled ones, when the spool is full', async () => {
    await stopS3();
    const [orgId, taskId] = [randomUUID(), randomUUID()];
    const kept = [];
    for (let i = 0; i < 2; i++) kept.push(await svc!.client.upload(screenshot(orgId, taskId, randomBytes(100))));
    expect(kept.map((r) => r.state)).toEqual(['pending', 'pending']);

    await expect(svc!.client.upload(screenshot(orgId, taskId, randomBytes(100)))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect((await readdir(spoolDir)).filter((n) => n.endsWith('.json')).sort()).toEqual(
      kept.map((r) => `${r.artifactId}.json`).sort(),
    );

    await startS3();
    await waitFor(async () => (await readdir(spoolDir)).length === 0, { timeoutMs: 15_000, what: 'the spool empty' });
    for (const ref of kept) expect((await row(ref.artifactId)).state).toBe('stored');
  });
});

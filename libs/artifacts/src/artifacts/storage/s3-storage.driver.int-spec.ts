import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { S3StorageDriver, S3StorageOptions, createS3Client } from './s3-storage.driver';
import { describeStorageDriverContract } from './storage-driver.contract';

const BUCKET = 'webbyflow-artifacts';
let server: S3rver;
let dir: string;
let client: S3Client;

async function emptyBucket(): Promise<void> {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  const objects = (listed.Contents ?? []).map(({ Key }) => ({ Key }));
  if (objects.length > 0) await client.send(new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: objects } }));
}

describeStorageDriverContract(
  S3StorageDriver.name,
  async () => {
    dir = await mkdtemp(join(tmpdir(), 'wf-s3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await server.run();
    const options: S3StorageOptions = {
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestTimeoutMs: 5_000,
    };
    client = createS3Client(options);
    return { driver: new S3StorageDriver(options, client), reset: emptyBucket };
  },
  async () => {
    client?.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  },
);

describe(S3StorageDriver.name, () => {
  it('should fail with FAILED, not hang, when the server is unreachable', async () => {
    const driver = new S3StorageDriver({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 1_000,
    });
    await expect(driver.stat('a/b.txt')).rejects.toMatchObject({ code: 'FAILED', terminal: false });
  });
});

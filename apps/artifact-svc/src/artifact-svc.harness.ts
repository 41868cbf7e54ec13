import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ArtifactClient } from '@webbyflow/artifact-client';
import { createScratchDatabase, type ScratchDatabase } from '@webbyflow/persistence';
import { AppModule } from './app.module';
import { loadArtifactSvcConfig, type ArtifactSvcConfig } from './artifact-svc.config';
import { configureHttp } from './configure-http';

/** The S3 settings of artifact-svc against an s3rver (its fixed credentials) at `endpoint`. */
export const s3rverEnv = (endpoint: string, bucket: string): Record<string, string> => ({
  ARTIFACT_STORAGE: 's3',
  S3_BUCKET: bucket,
  S3_ENDPOINT: endpoint,
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
});

/** artifact-svc booted in-process for integration tests; not part of the build. */
export interface ArtifactSvcUnderTest {
  app: INestApplication;
  config: ArtifactSvcConfig;
  db: ScratchDatabase;
  /** `http://127.0.0.1:<port>` */
  url: string;
  client: ArtifactClient;
  close(): Promise<void>;
}

/**
 * The real AppModule on a migrated scratch database, a temp ARTIFACT_DIR (the spool inside it) and a free
 * port, configured as main.ts does. `env` needs at least NATS_URL (a private nats-server). With `db`, the
 * service uses that database (a restart) and leaves it to the caller.
 */
export async function startArtifactSvc(
  env: Record<string, string>,
  options: { db?: ScratchDatabase } = {},
): Promise<ArtifactSvcUnderTest> {
  const db = options.db ?? (await createScratchDatabase({ label: 'artifact_svc' }));
  const ownsDb = !options.db;
  const dir = await mkdtemp(join(tmpdir(), 'wf-artifact-svc-'));
  const config = loadArtifactSvcConfig({
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    ARTIFACT_DIR: dir,
    ARTIFACT_SPOOL_DIR: join(dir, 'spool'),
    INSTANCE_ID: 'test',
    ...env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  try {
    configureHttp(app, config);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close().catch(() => undefined);
    await Promise.all([ownsDb && db.drop(), rm(dir, { recursive: true, force: true })]);
    throw error;
  }
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    db,
    url,
    client: new ArtifactClient({ baseUrl: url, timeoutMs: 5_000 }),
    close: async () => {
      await app.close();
      await Promise.all([ownsDb && db.drop(), rm(dir, { recursive: true, force: true })]);
    },
  };
}

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
 * The real AppModule on a migrated scratch database, a temp ARTIFACT_DIR and a free port, configured as
 * main.ts does. `env` needs at least NATS_URL (a private nats-server).
 */
export async function startArtifactSvc(env: Record<string, string>): Promise<ArtifactSvcUnderTest> {
  const db = await createScratchDatabase({ label: 'artifact_svc' });
  const dir = await mkdtemp(join(tmpdir(), 'wf-artifact-svc-'));
  const config = loadArtifactSvcConfig({
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '4',
    ARTIFACT_DIR: dir,
    INSTANCE_ID: 'test',
    ...env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  try {
    configureHttp(app, config);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close().catch(() => undefined);
    await Promise.all([db.drop(), rm(dir, { recursive: true, force: true })]);
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
      await Promise.all([db.drop(), rm(dir, { recursive: true, force: true })]);
    },
  };
}

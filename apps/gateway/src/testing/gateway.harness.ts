import type { INestApplication, INestApplicationContext, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagingModule, messagingConfigSchema } from '@webbyflow/messaging';
import {
  ApiKeyEntity,
  createScratchDatabase,
  generateApiKey,
  OrgEntity,
  type ScratchDatabase,
} from '@webbyflow/persistence';
import { startGateway } from '../gateway';
import { gatewayConfigSchema } from '../gateway.config';
import { ArtifactSvcStandIn } from './artifact-svc.stand-in';
import { OrchestratorStandIn } from './orchestrator.stand-in';

export const PUBLIC_BASE_URL = 'http://gateway.test';

export interface TestOrg {
  id: string;
  key: string;
  keyId: string;
}

export interface CallOptions {
  /** The x-api-key to send; null sends none. Defaults to org A's key. */
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

async function bootStandIn(natsUrl: string, service: 'orchestrator' | 'artifact', provider: Type) {
  const config = messagingConfigSchema.parse({ NATS_URL: natsUrl });
  @Module({
    imports: [MessagingModule.forRoot({ service, instanceId: `stand-in-${service}`, config })],
    providers: [provider],
  })
  class StandInModule {}
  const context = await NestFactory.createApplicationContext(StandInModule, { logger: false });
  await context.init();
  return context;
}

async function createOrg(db: ScratchDatabase, name: string, revoked = false): Promise<TestOrg> {
  const org = await db.dataSource.getRepository(OrgEntity).save({ name });
  const { key, prefix, keyHash } = generateApiKey();
  const saved = await db.dataSource
    .getRepository(ApiKeyEntity)
    .save({ orgId: org.id, name: 'test', prefix, keyHash, revokedAt: revoked ? new Date() : null });
  return { id: org.id, key, keyId: saved.id };
}

/**
 * The real gateway (AppModule through `startGateway`, port 0) on a scratch database with two orgs,
 * plus stand-ins for the orchestrator and artifact-svc answering over the caller's private NATS.
 */
export async function startGatewayHarness(natsUrl: string, label: string, env: Record<string, string> = {}) {
  const db = await createScratchDatabase({ label: `gateway_${label}` });
  const orgA = await createOrg(db, 'org-a');
  const orgB = await createOrg(db, 'org-b');
  const revoked = await createOrg(db, 'org-revoked', true);
  let orchestratorContext: INestApplicationContext | undefined = await bootStandIn(
    natsUrl,
    'orchestrator',
    OrchestratorStandIn,
  );
  const artifactContext = await bootStandIn(natsUrl, 'artifact', ArtifactSvcStandIn);
  const artifactSvc = artifactContext.get(ArtifactSvcStandIn);
  const artifactSvcUrl = await artifactSvc.listen();
  const app: INestApplication = await startGateway(
    gatewayConfigSchema.parse({
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
      INSTANCE_ID: `gateway-${label}`,
      NATS_URL: natsUrl,
      NATS_REQUEST_TIMEOUT_MS: '3000',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '2',
      ARTIFACT_SVC_URL: artifactSvcUrl,
      PUBLIC_BASE_URL,
      ...env,
    }),
  );
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const call = (method: string, path: string, options: CallOptions = {}): Promise<Response> => {
    const key = options.key === undefined ? orgA.key : options.key;
    const headers: Record<string, string> = { ...options.headers };
    if (key !== null) headers['x-api-key'] = key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return fetch(`${url}${path}`, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  };

  return {
    url,
    app,
    db,
    orgA,
    orgB,
    revokedKey: revoked.key,
    orchestrator: orchestratorContext.get(OrchestratorStandIn),
    artifactSvc,
    call,
    /** Takes the orchestrator away: its queries then have no responder. */
    stopOrchestrator: async () => {
      await orchestratorContext?.close();
      orchestratorContext = undefined;
    },
    close: async () => {
      await app.close();
      await orchestratorContext?.close();
      await artifactContext.close();
      await artifactSvc.close();
      await db.drop();
    },
  };
}
export type GatewayHarness = Awaited<ReturnType<typeof startGatewayHarness>>;

import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable } from '@nestjs/common';
import { ARTIFACTS_HTTP_PATH, etagOf } from '@webbyflow/artifact-client';
import type { ArtifactKindV1, Envelope, PayloadOf } from '@webbyflow/contracts';
import { OnQuery } from '@webbyflow/messaging';
import { StandInException } from './orchestrator.stand-in';

export interface StoredArtifact {
  id: string;
  orgId: string;
  kind: ArtifactKindV1;
  contentType: string;
  bytes: Buffer;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Test double of artifact-svc: the get_artifact query over real NATS, and the bytes over real HTTP. */
@Injectable()
export class ArtifactSvcStandIn {
  readonly artifacts = new Map<string, StoredArtifact>();
  /** Serves any org's artifact (metadata and bytes), to prove the gateway checks the org itself. */
  leakOtherOrgs = false;
  /** Artifacts whose metadata exists but whose bytes artifact-svc cannot find. */
  readonly withoutBytes = new Set<string>();
  /** Artifacts recorded `pending` (the store was down, the bytes are spooled). */
  readonly pending = new Set<string>();
  private server?: Server;

  add(orgId: string, bytes: Buffer, contentType = 'image/png'): StoredArtifact {
    const artifact: StoredArtifact = { id: randomUUID(), orgId, kind: 'screenshot', contentType, bytes };
    this.artifacts.set(artifact.id, artifact);
    return artifact;
  }

  @OnQuery('webbyflow.qry.artifact.get_artifact.v1')
  async get(message: Envelope<PayloadOf<'webbyflow.qry.artifact.get_artifact.v1'>>) {
    const artifact = this.artifacts.get(message.payload.artifactId);
    if (!artifact || (artifact.orgId !== message.payload.orgId && !this.leakOtherOrgs)) {
      throw new StandInException('ARTIFACT_NOT_FOUND', `artifact ${message.payload.artifactId} not found`);
    }
    return Promise.resolve({
      artifactId: artifact.id,
      orgId: artifact.orgId,
      taskId: null,
      kind: artifact.kind,
      contentType: artifact.contentType,
      sizeBytes: artifact.bytes.length,
      sha256: sha256(artifact.bytes),
      state: this.pending.has(artifact.id) ? ('pending' as const) : ('stored' as const),
    });
  }

  /** Serves `GET /internal/v1/artifacts/:id/content?orgId=` on a free port; returns its base URL. */
  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const match = new RegExp(`^${ARTIFACTS_HTTP_PATH}/([^/]+)/content$`).exec(url.pathname);
      const artifact = match ? this.artifacts.get(decodeURIComponent(match[1])) : undefined;
      const orgMatches = artifact?.orgId === url.searchParams.get('orgId') || this.leakOtherOrgs;
      if (!artifact || !orgMatches || this.withoutBytes.has(artifact.id)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 404, name: 'ArtifactException', code: 'NOT_FOUND', message: 'no' }));
        return;
      }
      res.writeHead(200, {
        'content-type': artifact.contentType,
        'content-length': artifact.bytes.length,
        etag: etagOf(sha256(artifact.bytes)),
      });
      res.end(artifact.bytes);
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

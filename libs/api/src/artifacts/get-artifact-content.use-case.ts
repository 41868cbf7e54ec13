import { Injectable } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import { MessageBus } from '@webbyflow/messaging';
import type { Principal } from '../auth/principal';
import { ApiException, ApiExceptionCode } from '../errors/api.exception';
import { notFound } from '../errors/query-error.mapper';
import { queryMeta, requireId, runQuery } from '../queries/run-query';
import { fromArtifactClientError } from './artifact-client.errors';
import { type ArtifactContent, etagOf, matchesIfNoneMatch } from './artifact-content';

export interface ArtifactContentRequest {
  ifNoneMatch?: string;
  /** Aborts the download, e.g. when the client goes away. */
  signal?: AbortSignal;
}

/**
 * The bytes of an artifact of the caller's org: artifact-svc is asked over NATS whether the org owns
 * it, then the bytes are streamed from its HTTP API (they never travel over NATS).
 */
@Injectable()
export class GetArtifactContentUseCase {
  constructor(
    private readonly bus: MessageBus,
    private readonly artifacts: ArtifactClient,
  ) {}

  async execute(principal: Principal, rawId: string, request: ArtifactContentRequest = {}): Promise<ArtifactContent> {
    const artifactId = requireId(rawId, 'artifact');
    const target = { service: 'artifact service', resource: 'artifact', id: artifactId } as const;
    const meta = await runQuery(
      this.bus,
      'webbyflow.qry.artifact.get_artifact.v1',
      { orgId: principal.orgId, artifactId },
      queryMeta(principal, artifactId),
      target,
    );
    if (meta.orgId !== principal.orgId) throw notFound(target);
    if (meta.state === 'pending') {
      throw new ApiException(
        ApiExceptionCode.ARTIFACT_PENDING,
        `artifact ${artifactId} is pending: the artifact store was unavailable and its bytes are waiting to be stored; try again later`,
        { retryAfterSeconds: 10 },
      );
    }
    const etag = etagOf(meta.sha256);
    if (matchesIfNoneMatch(request.ifNoneMatch, etag)) return { kind: 'not_modified', etag };
    try {
      const opened = await this.artifacts.openStream(artifactId, principal.orgId, request.signal);
      return {
        kind: 'content',
        etag: etagOf(opened.sha256),
        contentType: opened.contentType,
        sizeBytes: opened.sizeBytes,
        stream: opened.stream,
      };
    } catch (error) {
      throw fromArtifactClientError(error, artifactId);
    }
  }
}

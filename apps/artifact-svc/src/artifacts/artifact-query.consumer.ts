import { Injectable } from '@nestjs/common';
import { ArtifactService } from '@webbyflow/artifacts';
import type { Envelope, PayloadOf, ReplyOf } from '@webbyflow/contracts';
import { OnQuery } from '@webbyflow/messaging';

type GetArtifact = 'webbyflow.qry.artifact.get_artifact.v1';

/** NATS adapter: artifact metadata for other services; an unknown id or another org's is a terminal NOT_FOUND. */
@Injectable()
export class ArtifactQueryConsumer {
  constructor(private readonly artifacts: ArtifactService) {}

  @OnQuery('webbyflow.qry.artifact.get_artifact.v1')
  async getArtifact(message: Envelope<PayloadOf<GetArtifact>>): Promise<ReplyOf<GetArtifact>> {
    const { artifactId, orgId } = message.payload;
    const meta = await this.artifacts.getMeta(artifactId, { orgId });
    return {
      artifactId: meta.artifactId,
      orgId: meta.orgId,
      taskId: meta.taskId,
      kind: meta.kind,
      contentType: meta.contentType,
      sizeBytes: meta.sizeBytes,
      sha256: meta.sha256,
      state: meta.state,
    };
  }
}

import { Injectable } from '@nestjs/common';
import {
  ArtifactException,
  ArtifactExceptionCode,
  ArtifactService,
  type StoreArtifactInput,
} from '@webbyflow/artifacts';
import type { ArtifactRefV1 } from '@webbyflow/contracts';
import { MessageBus } from '@webbyflow/messaging';

export type StoreTaskArtifactInput = StoreArtifactInput & { taskId: string };

/**
 * Stores an artifact, then tells the platform with `artifact.stored` (deterministic id, so re-publishes dedupe);
 * a `pending` one (the store was down, the bytes are spooled) is announced when the spool stores it.
 */
@Injectable()
export class StoreArtifactUseCase {
  constructor(
    private readonly artifacts: ArtifactService,
    private readonly bus: MessageBus,
  ) {}

  async execute(input: StoreTaskArtifactInput, signal?: AbortSignal): Promise<ArtifactRefV1> {
    const ref = await this.artifacts.store(input, signal);
    if (ref.state === 'pending') return ref;
    try {
      await this.announce({ ...input, ...ref });
    } catch (error) {
      // Retryable: the caller uploads again and gets a new artifact; this one is left for retention to remove.
      throw new ArtifactException(
        ArtifactExceptionCode.STORAGE_FAILED,
        `Artifact ${ref.artifactId} was stored but its artifact.stored event could not be published`,
        { cause: error },
      );
    }
    return ref;
  }

  /** Publishes `artifact.stored` for an artifact of a task. */
  async announce(meta: ArtifactRefV1 & { taskId: string | null; stepIndex: number | null; orgId: string }) {
    if (!meta.taskId) return;
    const { artifactId, kind, contentType, sizeBytes, sha256 } = meta;
    await this.bus.publish(
      'webbyflow.evt.artifact.stored.v1',
      {
        taskId: meta.taskId,
        stepIndex: meta.stepIndex,
        artifact: { artifactId, kind, contentType, sizeBytes, sha256 },
      },
      { id: `artifact:${artifactId}:stored`, correlationId: meta.taskId, causationId: null, orgId: meta.orgId },
    );
  }
}

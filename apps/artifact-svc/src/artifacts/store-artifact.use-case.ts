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

/** Stores an artifact, then tells the platform with `artifact.stored` (deterministic id, so re-publishes dedupe). */
@Injectable()
export class StoreArtifactUseCase {
  constructor(
    private readonly artifacts: ArtifactService,
    private readonly bus: MessageBus,
  ) {}

  async execute(input: StoreTaskArtifactInput, signal?: AbortSignal): Promise<ArtifactRefV1> {
    const ref = await this.artifacts.store(input, signal);
    const meta = {
      id: `artifact:${ref.artifactId}:stored`,
      correlationId: input.taskId,
      causationId: null,
      orgId: input.orgId,
    };
    try {
      await this.bus.publish(
        'webbyflow.evt.artifact.stored.v1',
        { taskId: input.taskId, stepIndex: input.stepIndex, artifact: ref },
        meta,
      );
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
}

import { isUuid } from '@webbyflow/common';
import { ArtifactKindV1, ArtifactRefV1 } from '@webbyflow/contracts';
import { ArtifactEntity } from '@webbyflow/persistence';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Repository } from 'typeorm';
import { ArtifactException, ArtifactExceptionCode } from './artifact.exception';
import { artifactStorageKey } from './artifact-key';
import type { StorageDriver } from './storage/storage.driver';

export interface StoreArtifactInput {
  orgId: string;
  taskId: string | null;
  stepIndex: number | null;
  kind: ArtifactKindV1;
  contentType: string;
  body: Buffer;
}

/** An artifact's row, without where its bytes live; a superset of `ArtifactMetaV1`. */
export interface ArtifactMeta extends ArtifactRefV1 {
  orgId: string;
  taskId: string | null;
  stepIndex: number | null;
  createdAt: Date;
}

export interface ArtifactLookup {
  /** When set, an artifact of another org is NOT_FOUND. */
  orgId?: string;
  signal?: AbortSignal;
}

/** Stores artifact bytes through a StorageDriver and their metadata in the `artifacts` table. */
export class ArtifactService {
  constructor(
    private readonly repository: Repository<ArtifactEntity>,
    private readonly storage: StorageDriver,
  ) {}

  /** Bytes first, row second: a row always points at complete bytes. If the row fails, the bytes go. */
  async store(input: StoreArtifactInput, signal?: AbortSignal): Promise<ArtifactRefV1> {
    // Both become part of the storage key.
    assertUuid('orgId', input.orgId);
    if (input.taskId !== null) assertUuid('taskId', input.taskId);
    const artifactId = randomUUID();
    const sha256 = createHash('sha256').update(input.body).digest('hex');
    const key = artifactStorageKey(input.orgId, input.taskId, artifactId, input.contentType);
    const { orgId, taskId, stepIndex, kind, contentType, body } = input;
    const sizeBytes = body.length;
    await this.onStorage(() => this.storage.put(key, body, contentType, signal));
    try {
      await this.repository.insert({
        id: artifactId,
        orgId,
        taskId,
        stepIndex,
        kind,
        contentType,
        sizeBytes,
        sha256,
        storageDriver: this.storage.name,
        storageKey: key,
      });
    } catch (error) {
      const cleanup = await this.storage.delete(key).then(
        () => '',
        () => `; its bytes at ${key} could not be removed`,
      );
      throw new ArtifactException(
        ArtifactExceptionCode.STORAGE_FAILED,
        `Recording artifact ${artifactId} failed${cleanup}`,
        { cause: error },
      );
    }
    return { artifactId, kind, contentType, sizeBytes, sha256 };
  }

  async getMeta(artifactId: string, lookup: ArtifactLookup = {}): Promise<ArtifactMeta> {
    return toMeta(await this.findRow(artifactId, lookup.orgId));
  }

  /** The metadata and a stream of the bytes; the caller must consume or destroy the stream. */
  async openContent(
    artifactId: string,
    lookup: ArtifactLookup = {},
  ): Promise<{ meta: ArtifactMeta; stream: Readable }> {
    const row = await this.findRow(artifactId, lookup.orgId);
    if (row.storageDriver !== this.storage.name) {
      const message = `Artifact ${artifactId} is in ${row.storageDriver} storage, which this service (${this.storage.name}) cannot read`;
      throw new ArtifactException(ArtifactExceptionCode.NOT_FOUND, message);
    }
    const stream = await this.onStorage(() => this.storage.get(row.storageKey, lookup.signal));
    return { meta: toMeta(row), stream };
  }

  private async findRow(artifactId: string, orgId: string | undefined): Promise<ArtifactEntity> {
    const notFound = () => new ArtifactException(ArtifactExceptionCode.NOT_FOUND, `Artifact ${artifactId} not found`);
    if (!isUuid(artifactId) || (orgId !== undefined && !isUuid(orgId))) throw notFound();
    let row: ArtifactEntity | null;
    try {
      row = await this.repository.findOneBy(orgId === undefined ? { id: artifactId } : { id: artifactId, orgId });
    } catch (error) {
      throw new ArtifactException(ArtifactExceptionCode.STORAGE_FAILED, `Loading artifact ${artifactId} failed`, {
        cause: error,
      });
    }
    if (!row) throw notFound();
    return row;
  }

  private async onStorage<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw ArtifactException.fromStorage(error);
    }
  }
}

function assertUuid(field: string, value: string): void {
  if (!isUuid(value))
    throw new ArtifactException(
      ArtifactExceptionCode.INVALID_KEY,
      `${field} must be a uuid, got ${JSON.stringify(value)}`,
    );
}

function toMeta(row: ArtifactEntity): ArtifactMeta {
  const { id, orgId, taskId, stepIndex, kind, contentType, sizeBytes, sha256, createdAt } = row;
  return { artifactId: id, orgId, taskId, stepIndex, kind, contentType, sizeBytes, sha256, createdAt };
}

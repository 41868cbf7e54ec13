import { isUuid } from '@webbyflow/common';
import { ArtifactKindV1, ArtifactRefV1 } from '@webbyflow/contracts';
import { ArtifactEntity } from '@webbyflow/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Repository } from 'typeorm';
import { ArtifactException, ArtifactExceptionCode } from './artifact.exception';
import { artifactStorageKey } from './artifact-key';
import type { ArtifactSpool, SpoolPut } from './spool/artifact-spool';
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

/** Says why an artifact the store could not take was not spooled either (the spool is full). */
export type SpoolRefusedListener = (artifactId: string, reason: string) => void;

/**
 * Stores artifact bytes through a StorageDriver and their metadata in the `artifacts` table. With a spool,
 * bytes the store cannot take now are kept locally and recorded `pending`; `storeSpooled` stores them later.
 */
export class ArtifactService {
  constructor(
    private readonly repository: Repository<ArtifactEntity>,
    private readonly storage: StorageDriver,
    private readonly spool?: ArtifactSpool,
    private readonly onSpoolRefused: SpoolRefusedListener = () => undefined,
  ) {}

  /**
   * Bytes first, row second: a row always points at complete bytes (in the store, or in the spool for a
   * `pending` one). If the row fails, the bytes go.
   */
  async store(input: StoreArtifactInput, signal?: AbortSignal): Promise<ArtifactRefV1> {
    // Both become part of the storage key.
    assertUuid('orgId', input.orgId);
    if (input.taskId !== null) assertUuid('taskId', input.taskId);
    const artifactId = randomUUID();
    const sha256 = createHash('sha256').update(input.body).digest('hex');
    const key = artifactStorageKey(input.orgId, input.taskId, artifactId, input.contentType);
    const { orgId, taskId, stepIndex, kind, contentType, body } = input;
    const sizeBytes = body.length;
    const state = await this.putOrSpool({ artifactId, key, contentType, sha256, sizeBytes }, body, signal);
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
        state,
      });
    } catch (error) {
      const removed = state === 'pending' ? this.spool?.remove(artifactId) : this.storage.delete(key);
      const cleanup = await Promise.resolve(removed).then(
        () => '',
        () => `; its bytes at ${key} could not be removed`,
      );
      throw new ArtifactException(
        ArtifactExceptionCode.STORAGE_FAILED,
        `Recording artifact ${artifactId} failed${cleanup}`,
        { cause: error },
      );
    }
    return { artifactId, kind, contentType, sizeBytes, sha256, ...(state === 'pending' ? { state } : {}) };
  }

  /**
   * Stores spooled artifacts, oldest first, and flips their rows to `stored`; stops at the first the store
   * refuses (it is still down) and throws that failure. Returns the artifacts stored.
   */
  async storeSpooled(onStored: (meta: ArtifactMeta) => Promise<void>): Promise<number> {
    let stored = 0;
    for (const entry of (await this.spool?.list()) ?? []) {
      const body = await this.spool?.read(entry.artifactId);
      if (!body) continue; // removed meanwhile
      await this.onStorage(() => this.storage.put(entry.key, body, entry.contentType));
      await this.repository.update({ id: entry.artifactId, state: 'pending' }, { state: 'stored' });
      await this.spool?.remove(entry.artifactId);
      const row = await this.repository.findOneBy({ id: entry.artifactId });
      if (row) await onStored(toMeta(row));
      stored++;
    }
    return stored;
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
    if (row.state === 'pending') return { meta: toMeta(row), stream: await this.pendingBytes(row) };
    const stream = await this.onStorage(() => this.storage.get(row.storageKey, lookup.signal));
    return { meta: toMeta(row), stream };
  }

  /** A pending artifact's bytes come from this instance's spool (the planner needs them while the store is down). */
  private async pendingBytes(row: ArtifactEntity): Promise<Readable> {
    const body = await this.spool?.read(row.id);
    if (body) return Readable.from([body]);
    throw new ArtifactException(
      ArtifactExceptionCode.STORAGE_FAILED,
      `Artifact ${row.id} is pending: its bytes wait in another artifact-svc's spool until the store takes them`,
    );
  }

  /** Puts the bytes in the store or, when the store fails and the spool has room, in the spool. */
  private async putOrSpool(
    entry: { artifactId: string; key: string; contentType: string; sha256: string; sizeBytes: number },
    body: Buffer,
    signal: AbortSignal | undefined,
  ): Promise<ArtifactEntity['state']> {
    try {
      await this.onStorage(() => this.storage.put(entry.key, body, entry.contentType, signal));
      return 'stored';
    } catch (error) {
      const retryable = error instanceof ArtifactException && error.code === ArtifactExceptionCode.STORAGE_FAILED;
      if (!retryable || !this.spool || signal?.aborted) throw error;
      const spooled = await this.spool.put(entry, body).catch((spoolError: unknown): SpoolPut => ({
        accepted: false,
        reason: `the spool failed: ${String(spoolError)}`,
      }));
      if (spooled.accepted) return 'pending';
      this.onSpoolRefused(entry.artifactId, `${spooled.reason}; the store failed: ${error.message}`);
      throw error;
    }
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
  const { id, orgId, taskId, stepIndex, kind, contentType, sizeBytes, sha256, state, createdAt } = row;
  return { artifactId: id, orgId, taskId, stepIndex, kind, contentType, sizeBytes, sha256, state, createdAt };
}

import type { StorageDriverName } from '@webbyflow/persistence';
import type { Readable } from 'node:stream';

export interface StorageStat {
  sizeBytes: number;
}

/**
 * Where artifact bytes live (STYLE.md §15). Keys are relative, `/`-separated paths (see `storage-key.ts`).
 * Errors are `StorageException`s; a missing key is NOT_FOUND for `get`, null for `stat`, and fine for `delete`.
 */
export interface StorageDriver {
  readonly name: StorageDriverName;
  /** Writes the whole object; readers never see a partial one. Overwrites an existing key. */
  put(key: string, body: Buffer | Readable, contentType: string, signal?: AbortSignal): Promise<void>;
  /** Opens the object for reading; fails with NOT_FOUND before returning when it does not exist. */
  get(key: string, signal?: AbortSignal): Promise<Readable>;
  stat(key: string): Promise<StorageStat | null>;
  /** Idempotent. */
  delete(key: string): Promise<void>;
}

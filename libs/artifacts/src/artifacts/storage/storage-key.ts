import { StorageException, StorageExceptionCode } from './storage.exception';

export const MAX_STORAGE_KEY_LENGTH = 512;

/** A path segment: no leading dot (so no `.`, `..` or hidden files), nothing a filesystem or URL would read specially. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Why `key` is not a valid storage key, or null when it is. */
export function storageKeyProblem(key: string): string | null {
  if (key.length === 0) return 'is empty';
  if (key.length > MAX_STORAGE_KEY_LENGTH) return `is longer than ${MAX_STORAGE_KEY_LENGTH} characters`;
  if (key.startsWith('/')) return 'is absolute';
  const bad = key.split('/').find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined)
    return `has an invalid segment "${bad.slice(0, 40)}" (allowed: [A-Za-z0-9._-], not starting with ".")`;
  return null;
}

/** Throws INVALID_KEY unless `key` is a relative `/`-separated path of safe segments. */
export function assertValidStorageKey(key: string): void {
  const problem = storageKeyProblem(key);
  if (problem)
    throw new StorageException(
      StorageExceptionCode.INVALID_KEY,
      `Storage key ${JSON.stringify(key.slice(0, 80))} ${problem}`,
    );
}

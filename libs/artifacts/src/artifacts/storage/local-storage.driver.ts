import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Readable, addAbortSignal } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageDriver, StorageStat } from './storage.driver';
import { StorageException, StorageExceptionCode, toStorageException } from './storage.exception';
import { assertValidStorageKey } from './storage-key';

const isNotFound = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Files under one base directory. Writes go to a temp file in the target directory, then rename (atomic). */
export class LocalStorageDriver implements StorageDriver {
  readonly name = 'local' as const;
  private readonly baseDir: string;

  constructor(baseDir: string) {
    this.baseDir = resolve(baseDir);
  }

  async put(key: string, body: Buffer | Readable, _contentType: string, signal?: AbortSignal): Promise<void> {
    const target = this.pathOf(key);
    // Keys never start with a dot, so a temp file can never be read as, or collide with, a key.
    const temp = `${dirname(target)}${sep}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(target), { recursive: true });
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, createWriteStream(temp, { flags: 'wx' }), { signal });
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw toStorageException(error, `Writing ${key}`);
    }
  }

  async get(key: string, signal?: AbortSignal): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      const handle = await open(path, 'r');
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw new StorageException(StorageExceptionCode.NOT_FOUND, `No object at ${key}`);
      }
      const stream = handle.createReadStream();
      return signal ? addAbortSignal(signal, stream) : stream;
    } catch (error) {
      if (isNotFound(error)) throw new StorageException(StorageExceptionCode.NOT_FOUND, `No object at ${key}`);
      throw toStorageException(error, `Reading ${key}`);
    }
  }

  async stat(key: string): Promise<StorageStat | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { sizeBytes: info.size } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw toStorageException(error, `Stat of ${key}`);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await rm(this.pathOf(key), { force: true });
    } catch (error) {
      throw toStorageException(error, `Deleting ${key}`);
    }
  }

  /** Validates the key and checks, again, that the path stays inside the base directory. */
  private pathOf(key: string): string {
    assertValidStorageKey(key);
    const path = resolve(this.baseDir, key);
    if (!path.startsWith(this.baseDir + sep)) {
      throw new StorageException(
        StorageExceptionCode.INVALID_KEY,
        `Storage key ${JSON.stringify(key)} leaves the base directory`,
      );
    }
    return path;
  }
}

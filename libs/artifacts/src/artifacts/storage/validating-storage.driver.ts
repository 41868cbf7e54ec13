import { Readable, Transform, type TransformCallback, pipeline } from 'node:stream';
import type { StorageDriver, StorageStat } from './storage.driver';
import { StorageException, StorageExceptionCode } from './storage.exception';
import { assertValidStorageKey } from './storage-key';

const CONTENT_TYPE =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(\s*;\s*[a-z0-9_.-]+=[^;]{1,100})*$/i;

/** Wraps any driver with the checks every caller needs: key format, content type and a size cap (STYLE.md §15). */
export class ValidatingStorageDriver implements StorageDriver {
  constructor(
    private readonly inner: StorageDriver,
    readonly maxBytes: number,
  ) {}

  get name(): StorageDriver['name'] {
    return this.inner.name;
  }

  async put(key: string, body: Buffer | Readable, contentType: string, signal?: AbortSignal): Promise<void> {
    assertValidStorageKey(key);
    if (!CONTENT_TYPE.test(contentType)) {
      throw new StorageException(
        StorageExceptionCode.INVALID_CONTENT_TYPE,
        `Content type ${JSON.stringify(contentType.slice(0, 80))} is not a MIME type`,
      );
    }
    if (Buffer.isBuffer(body)) {
      if (body.length > this.maxBytes) throw this.tooLarge(key, body.length);
      return this.inner.put(key, body, contentType, signal);
    }
    // A stream's size is known only while it flows: count, and fail the write past the cap.
    const limited = pipeline(body, new ByteLimit(this.maxBytes, () => this.tooLarge(key)), () => undefined);
    return this.inner.put(key, limited, contentType, signal);
  }

  async get(key: string, signal?: AbortSignal): Promise<Readable> {
    assertValidStorageKey(key);
    return this.inner.get(key, signal);
  }

  async stat(key: string): Promise<StorageStat | null> {
    assertValidStorageKey(key);
    return this.inner.stat(key);
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    return this.inner.delete(key);
  }

  private tooLarge(key: string, size?: number): StorageException {
    const actual = size === undefined ? 'more than' : `${size} bytes, over`;
    return new StorageException(
      StorageExceptionCode.TOO_LARGE,
      `Object ${key} is ${actual} the limit of ${this.maxBytes} bytes`,
    );
  }
}

class ByteLimit extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly onExceeded: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(this.onExceeded());
    else done(null, chunk);
  }
}

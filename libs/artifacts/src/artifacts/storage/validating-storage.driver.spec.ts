import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { StorageDriver, StorageStat } from './storage.driver';
import { StorageExceptionCode } from './storage.exception';
import { ValidatingStorageDriver } from './validating-storage.driver';

/** Keeps objects in a Map; records every call so tests can see what reached the inner driver. */
class MemoryStorageDriver implements StorageDriver {
  readonly name = 'local' as const;
  readonly objects = new Map<string, Buffer>();
  readonly calls: string[] = [];

  async put(key: string, body: Buffer | Readable): Promise<void> {
    this.calls.push(`put ${key}`);
    this.objects.set(key, Buffer.isBuffer(body) ? body : await buffer(body));
  }
  get(key: string): Promise<Readable> {
    this.calls.push(`get ${key}`);
    return Promise.resolve(Readable.from([this.objects.get(key) ?? Buffer.alloc(0)]));
  }
  stat(key: string): Promise<StorageStat | null> {
    this.calls.push(`stat ${key}`);
    const bytes = this.objects.get(key);
    return Promise.resolve(bytes ? { sizeBytes: bytes.length } : null);
  }
  delete(key: string): Promise<void> {
    this.calls.push(`delete ${key}`);
    this.objects.delete(key);
    return Promise.resolve();
  }
}

const chunks = (...sizes: number[]) => Readable.from(sizes.map((n) => Buffer.alloc(n, 1)));

describe(ValidatingStorageDriver.name, () => {
  let inner: MemoryStorageDriver;
  let driver: ValidatingStorageDriver;

  beforeEach(() => {
    inner = new MemoryStorageDriver();
    driver = new ValidatingStorageDriver(inner, 100);
  });

  it('should pass valid calls through and keep the inner driver name', async () => {
    await driver.put('a/b.txt', Buffer.from('hi'), 'text/plain; charset=utf-8');
    await expect(driver.stat('a/b.txt')).resolves.toEqual({ sizeBytes: 2 });
    expect((await buffer(await driver.get('a/b.txt'))).toString()).toBe('hi');
    await driver.delete('a/b.txt');
    expect(inner.calls).toEqual(['put a/b.txt', 'stat a/b.txt', 'get a/b.txt', 'delete a/b.txt']);
    expect(driver.name).toBe('local');
  });

  it.each(['put', 'get', 'stat', 'delete'] as const)(
    'should reject an invalid key on %s before the inner driver sees it',
    async (method) => {
      const call = method === 'put' ? driver.put('../x', Buffer.from('x'), 'text/plain') : driver[method]('../x');
      await expect(call).rejects.toMatchObject({ code: StorageExceptionCode.INVALID_KEY });
      expect(inner.calls).toEqual([]);
    },
  );

  it('should accept a buffer of exactly the limit and reject one byte more with TOO_LARGE', async () => {
    await driver.put('a/max.bin', Buffer.alloc(100), 'application/octet-stream');
    await expect(driver.put('a/over.bin', Buffer.alloc(101), 'application/octet-stream')).rejects.toMatchObject({
      code: StorageExceptionCode.TOO_LARGE,
      terminal: true,
    });
    expect(inner.calls).toEqual(['put a/max.bin']);
  });

  it('should fail a stream with TOO_LARGE once it passes the limit', async () => {
    await driver.put('a/ok.bin', chunks(50, 50), 'application/octet-stream');
    expect(inner.objects.get('a/ok.bin')).toHaveLength(100);
    await expect(driver.put('a/over.bin', chunks(60, 41), 'application/octet-stream')).rejects.toMatchObject({
      code: StorageExceptionCode.TOO_LARGE,
    });
    expect(inner.objects.has('a/over.bin')).toBe(false);
  });

  it.each(['', 'png', 'image/', 'text/html\nX-Injected: 1', 'a/b/c'])(
    'should reject the content type %j',
    async (contentType) => {
      await expect(driver.put('a/b.bin', Buffer.from('x'), contentType)).rejects.toMatchObject({
        code: StorageExceptionCode.INVALID_CONTENT_TYPE,
      });
      expect(inner.calls).toEqual([]);
    },
  );
});

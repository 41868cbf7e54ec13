import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setImmediate } from 'node:timers/promises';
import type { StorageDriver } from './storage.driver';
import { StorageException, StorageExceptionCode } from './storage.exception';
import { ValidatingStorageDriver } from './validating-storage.driver';

/** One driver under test; `reset` empties its storage between tests. */
export interface DriverUnderTest {
  driver: StorageDriver;
  reset(): Promise<void>;
}

const rejectsWith = async (promise: Promise<unknown>, code: StorageExceptionCode) => {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageException);
  expect((error as StorageException).code).toBe(code);
};

const read = async (driver: StorageDriver, key: string) => buffer(await driver.get(key));

/** A stream that yields `chunks` and then, if `failWith` is set, errors. */
function streamOf(chunks: Buffer[], failWith?: Error): Readable {
  return Readable.from(
    (async function* () {
      for (const chunk of chunks) {
        await setImmediate();
        yield chunk;
      }
      if (failWith) throw failWith;
    })(),
  );
}

/**
 * The behaviour every StorageDriver must have (STYLE.md §15). Each driver's int-spec calls this with a
 * factory; keep driver-specific checks in that spec.
 */
export function describeStorageDriverContract(
  label: string,
  setup: () => Promise<DriverUnderTest>,
  teardown: () => Promise<void>,
): void {
  describe(`${label} (StorageDriver contract)`, () => {
    let subject: DriverUnderTest;
    let driver: StorageDriver;

    beforeAll(async () => {
      subject = await setup();
      driver = subject.driver;
    });
    afterAll(teardown);
    afterEach(async () => subject.reset());

    it('should return the bytes it stored when given a Buffer', async () => {
      const bytes = randomBytes(1024 * 1024 + 17);
      await driver.put('org/task/a.bin', bytes, 'application/octet-stream');
      await expect(driver.stat('org/task/a.bin')).resolves.toEqual({ sizeBytes: bytes.length });
      expect((await read(driver, 'org/task/a.bin')).equals(bytes)).toBe(true);
    });

    it('should store a stream of several chunks', async () => {
      await driver.put('org/task/b.txt', streamOf([Buffer.from('hello '), Buffer.from('world')]), 'text/plain');
      expect((await read(driver, 'org/task/b.txt')).toString()).toBe('hello world');
    });

    it('should replace an object when the key is written again', async () => {
      await driver.put('k/v.txt', Buffer.from('first version'), 'text/plain');
      await driver.put('k/v.txt', Buffer.from('second'), 'text/plain');
      expect((await read(driver, 'k/v.txt')).toString()).toBe('second');
      await expect(driver.stat('k/v.txt')).resolves.toEqual({ sizeBytes: 6 });
    });

    it('should report a missing key as NOT_FOUND on get, null on stat and succeed on delete', async () => {
      await rejectsWith(driver.get('missing/key.bin'), StorageExceptionCode.NOT_FOUND);
      await expect(driver.stat('missing/key.bin')).resolves.toBeNull();
      await expect(driver.delete('missing/key.bin')).resolves.toBeUndefined();
    });

    it('should remove an object when it is deleted', async () => {
      await driver.put('d/x.txt', Buffer.from('x'), 'text/plain');
      await driver.delete('d/x.txt');
      await expect(driver.stat('d/x.txt')).resolves.toBeNull();
    });

    it.each(['../escape.txt', '/etc/passwd', 'a//b', 'a/../b', 'a/.hidden', 'a\\b', ''])(
      'should reject the key %j with INVALID_KEY',
      async (key) => {
        await rejectsWith(driver.put(key, Buffer.from('x'), 'text/plain'), StorageExceptionCode.INVALID_KEY);
        await rejectsWith(driver.get(key), StorageExceptionCode.INVALID_KEY);
      },
    );

    it('should store nothing when the source stream fails', async () => {
      const failing = streamOf([Buffer.from('partial')], new Error('source broke'));
      await rejectsWith(driver.put('f/partial.txt', failing, 'text/plain'), StorageExceptionCode.FAILED);
      await expect(driver.stat('f/partial.txt')).resolves.toBeNull();
    });

    it('should store nothing when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(
        driver.put('f/aborted.txt', Buffer.from('x'), 'text/plain', controller.signal),
      ).rejects.toBeInstanceOf(StorageException);
      await expect(driver.stat('f/aborted.txt')).resolves.toBeNull();
    });

    it('should fail with TOO_LARGE and store nothing when a wrapped stream passes the size cap', async () => {
      const capped = new ValidatingStorageDriver(driver, 10);
      await rejectsWith(
        capped.put('big/s.bin', streamOf([randomBytes(6), randomBytes(6)]), 'application/octet-stream'),
        StorageExceptionCode.TOO_LARGE,
      );
      await expect(driver.stat('big/s.bin')).resolves.toBeNull();
      await capped.put('big/ok.bin', streamOf([randomBytes(5), randomBytes(5)]), 'application/octet-stream');
      await expect(driver.stat('big/ok.bin')).resolves.toEqual({ sizeBytes: 10 });
    });
  });
}

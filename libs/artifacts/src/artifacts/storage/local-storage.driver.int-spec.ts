import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { LocalStorageDriver } from './local-storage.driver';
import { describeStorageDriverContract } from './storage-driver.contract';

let baseDir: string;

describeStorageDriverContract(
  LocalStorageDriver.name,
  async () => {
    baseDir = await mkdtemp(join(tmpdir(), 'wf-local-storage-'));
    return {
      driver: new LocalStorageDriver(baseDir),
      reset: async () => {
        for (const entry of await readdir(baseDir)) await rm(join(baseDir, entry), { recursive: true, force: true });
      },
    };
  },
  () => rm(baseDir, { recursive: true, force: true }),
);

describe(LocalStorageDriver.name, () => {
  let dir: string;
  let driver: LocalStorageDriver;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wf-local-storage-'));
    driver = new LocalStorageDriver(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should write the object at <base>/<key>', async () => {
    await driver.put('org/task/a.txt', Buffer.from('hi'), 'text/plain');
    expect(await readFile(join(dir, 'org', 'task', 'a.txt'), 'utf8')).toBe('hi');
  });

  it('should leave no temp file behind when a write fails', async () => {
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('partial');
        await setImmediate();
        throw new Error('source broke');
      })(),
    );
    await expect(driver.put('org/task/b.txt', failing, 'text/plain')).rejects.toThrow('source broke');
    expect(await readdir(join(dir, 'org', 'task'))).toEqual([]);
  });

  it('should report a directory as NOT_FOUND rather than read it', async () => {
    await driver.put('org/task/c.txt', Buffer.from('c'), 'text/plain');
    await expect(driver.get('org/task')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(driver.stat('org/task')).resolves.toBeNull();
  });
});

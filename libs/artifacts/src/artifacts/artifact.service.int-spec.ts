import { ArtifactEntity, ScratchDatabase, createScratchDatabase } from '@webbyflow/persistence';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { Repository } from 'typeorm';
import { ArtifactExceptionCode } from './artifact.exception';
import { ArtifactService, StoreArtifactInput } from './artifact.service';
import { ArtifactSpool } from './spool/artifact-spool';
import { LocalStorageDriver } from './storage/local-storage.driver';
import { ValidatingStorageDriver } from './storage/validating-storage.driver';

const MAX_BYTES = 64 * 1024;
const limits = { maxBytes: MAX_BYTES, maxFiles: 10 };

describe(ArtifactService.name, () => {
  let db: ScratchDatabase;
  let dir: string;
  let repository: Repository<ArtifactEntity>;
  let service: ArtifactService;
  const orgId = randomUUID();
  const taskId = randomUUID();
  const input = (patch: Partial<StoreArtifactInput> = {}): StoreArtifactInput => ({
    orgId,
    taskId,
    stepIndex: 2,
    kind: 'screenshot',
    contentType: 'image/png',
    body: randomBytes(2048),
    ...patch,
  });
  const filesUnder = async (path: string) =>
    (await readdir(path, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());

  beforeAll(async () => {
    db = await createScratchDatabase({ label: 'artifacts' });
    repository = db.dataSource.getRepository(ArtifactEntity);
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wf-artifacts-'));
    service = new ArtifactService(repository, new ValidatingStorageDriver(new LocalStorageDriver(dir), MAX_BYTES));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should write the bytes under <orgId>/<taskId>/<artifactId>.<ext> and record a row', async () => {
    const body = randomBytes(4096);
    const ref = await service.store(input({ body }));
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(ref).toEqual({
      artifactId: expect.any(String),
      kind: 'screenshot',
      contentType: 'image/png',
      sizeBytes: 4096,
      sha256,
    });
    const row = await repository.findOneByOrFail({ id: ref.artifactId });
    expect(row).toMatchObject({ orgId, taskId, stepIndex: 2, sizeBytes: 4096, sha256, storageDriver: 'local' });
    expect(row.storageKey).toBe(`${orgId}/${taskId}/${ref.artifactId}.png`);
    expect((await readFile(join(dir, row.storageKey))).equals(body)).toBe(true);
  });

  it('should file an artifact without a task under no-task', async () => {
    const ref = await service.store(input({ taskId: null, stepIndex: null, kind: 'html', contentType: 'text/html' }));
    expect((await repository.findOneByOrFail({ id: ref.artifactId })).storageKey).toBe(
      `${orgId}/no-task/${ref.artifactId}.html`,
    );
  });

  it('should return the metadata and the bytes of a stored artifact', async () => {
    const body = Buffer.from('{"nodes":[]}');
    const ref = await service.store(input({ kind: 'element_tree', contentType: 'application/json', body }));
    const meta = await service.getMeta(ref.artifactId, { orgId });
    expect(meta).toMatchObject({ ...ref, orgId, taskId, stepIndex: 2 });
    expect(meta.createdAt).toBeInstanceOf(Date);
    const { meta: opened, stream } = await service.openContent(ref.artifactId);
    expect(opened).toEqual(meta);
    expect((await buffer(stream)).toString()).toBe('{"nodes":[]}');
  });

  it.each([randomUUID(), 'not-a-uuid'])('should throw NOT_FOUND when no artifact has the id %j', async (artifactId) => {
    await expect(service.getMeta(artifactId)).rejects.toMatchObject({ code: ArtifactExceptionCode.NOT_FOUND });
    await expect(service.openContent(artifactId)).rejects.toMatchObject({ code: ArtifactExceptionCode.NOT_FOUND });
  });

  it('should throw NOT_FOUND when the artifact belongs to another org', async () => {
    const { artifactId } = await service.store(input());
    const lookup = { orgId: randomUUID() };
    await expect(service.getMeta(artifactId, lookup)).rejects.toMatchObject({ code: ArtifactExceptionCode.NOT_FOUND });
    await expect(service.openContent(artifactId, lookup)).rejects.toMatchObject({
      code: ArtifactExceptionCode.NOT_FOUND,
    });
  });

  it('should throw NOT_FOUND when the row exists but its bytes are gone', async () => {
    const ref = await service.store(input());
    await rm(join(dir, orgId), { recursive: true });
    await expect(service.openContent(ref.artifactId)).rejects.toMatchObject({ code: ArtifactExceptionCode.NOT_FOUND });
  });

  it('should throw TOO_LARGE and keep neither bytes nor row when the body is over the cap', async () => {
    const before = await repository.count();
    await expect(service.store(input({ body: Buffer.alloc(MAX_BYTES + 1) }))).rejects.toMatchObject({
      code: ArtifactExceptionCode.TOO_LARGE,
      terminal: true,
    });
    expect(await repository.count()).toBe(before);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('should delete the bytes and throw STORAGE_FAILED when the row cannot be inserted', async () => {
    const before = await repository.count();
    // The kind CHECK constraint rejects the row after the bytes are written.
    const bad = input({ kind: 'video' as StoreArtifactInput['kind'] });
    await expect(service.store(bad)).rejects.toMatchObject({
      code: ArtifactExceptionCode.STORAGE_FAILED,
      message: expect.stringMatching(/^Recording artifact .* failed$/),
      terminal: false,
    });
    expect(await repository.count()).toBe(before);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('should throw INVALID_KEY when an id that becomes part of the key is not a uuid', async () => {
    await expect(service.store(input({ orgId: '../../etc' }))).rejects.toMatchObject({
      code: ArtifactExceptionCode.INVALID_KEY,
    });
    await expect(service.store(input({ taskId: 'x/y' }))).rejects.toMatchObject({
      code: ArtifactExceptionCode.INVALID_KEY,
    });
  });

  it('should throw INVALID_CONTENT_TYPE before writing anything', async () => {
    await expect(service.store(input({ contentType: 'png' }))).rejects.toMatchObject({
      code: ArtifactExceptionCode.INVALID_CONTENT_TYPE,
    });
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('should refuse to read an artifact kept by another storage driver', async () => {
    const ref = await service.store(input());
    await repository.update(ref.artifactId, { storageDriver: 's3' });
    await expect(service.openContent(ref.artifactId)).rejects.toMatchObject({ code: ArtifactExceptionCode.NOT_FOUND });
  });

  describe('with a spool', () => {
    /** A storage root that is a file: every put fails, as with a disk gone; `repair` makes it a directory. */
    const brokenStore = async () => {
      const root = join(dir, 'store');
      await writeFile(root, 'not a directory');
      const storage = new ValidatingStorageDriver(new LocalStorageDriver(root), MAX_BYTES);
      const repair = async () => {
        await rm(root);
        await mkdir(root);
      };
      return { storage, repair };
    };

    it('should record the artifact pending, serve it from the spool, and store it once the store is back', async () => {
      const { storage, repair } = await brokenStore();
      const spooled = new ArtifactService(repository, storage, new ArtifactSpool(join(dir, 'spool'), limits));
      const body = randomBytes(1024);
      const ref = await spooled.store(input({ body }));
      expect(ref).toMatchObject({ state: 'pending', sha256: createHash('sha256').update(body).digest('hex') });
      expect(await buffer((await spooled.openContent(ref.artifactId)).stream)).toEqual(body);
      await expect(spooled.storeSpooled(() => Promise.resolve())).rejects.toMatchObject({
        code: ArtifactExceptionCode.STORAGE_FAILED,
      });

      await repair();
      const announced: string[] = [];
      expect(await spooled.storeSpooled((meta) => Promise.resolve(void announced.push(meta.artifactId)))).toBe(1);
      expect(announced).toEqual([ref.artifactId]);
      expect(await repository.findOneByOrFail({ id: ref.artifactId })).toMatchObject({ state: 'stored' });
      expect(await buffer((await spooled.openContent(ref.artifactId)).stream)).toEqual(body);
    });

    it('should fail the upload as without a spool, and say why, when the spool cannot keep the bytes', async () => {
      const { storage } = await brokenStore();
      const refused: string[] = [];
      const spool = new ArtifactSpool(join(dir, 'store', 'spool'), limits); // under a file: it cannot write
      const spooled = new ArtifactService(repository, storage, spool, (_id, reason) => refused.push(reason));
      await expect(spooled.store(input())).rejects.toMatchObject({ code: ArtifactExceptionCode.STORAGE_FAILED });
      expect(refused).toEqual([expect.stringContaining('the spool failed')]);
    });
  });
});

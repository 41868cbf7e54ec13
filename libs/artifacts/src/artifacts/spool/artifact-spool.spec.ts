import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArtifactSpool } from './artifact-spool';

describe(ArtifactSpool.name, () => {
  let dir: string;
  const entry = (sizeBytes: number) => {
    const artifactId = randomUUID();
    return { artifactId, key: `k/${artifactId}.png`, contentType: 'image/png', sha256: 'a'.repeat(64), sizeBytes };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wf-spool-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should keep entries and list them oldest first with their bytes', async () => {
    const spool = new ArtifactSpool(join(dir, 'spool'), { maxBytes: 100, maxFiles: 10 });
    const [a, b] = [entry(3), entry(2)];
    await spool.put(a, Buffer.from('abc'));
    await spool.put(b, Buffer.from('de'));
    expect((await spool.list()).map((e) => e.artifactId)).toEqual([a.artifactId, b.artifactId]);
    expect((await spool.read(a.artifactId))?.toString()).toBe('abc');
    await spool.remove(a.artifactId);
    expect(await spool.read(a.artifactId)).toBeNull();
    expect(await spool.usage()).toEqual({ files: 1, bytes: 2 });
  });

  it('should refuse a new artifact, and keep the old ones, when it would pass the byte cap', async () => {
    const spool = new ArtifactSpool(dir, { maxBytes: 5, maxFiles: 10 });
    const first = entry(4);
    expect(await spool.put(first, Buffer.alloc(4))).toEqual({ accepted: true });
    const refused = await spool.put(entry(2), Buffer.alloc(2));
    expect(refused).toMatchObject({ accepted: false, reason: expect.stringContaining('spool is full') });
    expect((await spool.list()).map((e) => e.artifactId)).toEqual([first.artifactId]);
  });

  it('should refuse a new artifact when it would pass the file cap, even when puts race', async () => {
    const spool = new ArtifactSpool(dir, { maxBytes: 1_000, maxFiles: 2 });
    const results = await Promise.all([1, 2, 3, 4].map(() => spool.put(entry(1), Buffer.alloc(1))));
    expect(results.filter((r) => r.accepted)).toHaveLength(2);
    expect(await spool.usage()).toEqual({ files: 2, bytes: 2 });
  });

  it('should find its entries again after a restart and drop what a crash left half-written', async () => {
    const kept = entry(1);
    await new ArtifactSpool(dir, { maxBytes: 100, maxFiles: 10 }).put(kept, Buffer.from('x'));
    await writeFile(join(dir, `${randomUUID()}.bin.tmp`), 'partial');
    const again = new ArtifactSpool(dir, { maxBytes: 100, maxFiles: 10 });
    expect((await again.list()).map((e) => e.artifactId)).toEqual([kept.artifactId]);
    expect((await readdir(dir)).sort()).toEqual([`${kept.artifactId}.bin`, `${kept.artifactId}.json`]);
  });
});

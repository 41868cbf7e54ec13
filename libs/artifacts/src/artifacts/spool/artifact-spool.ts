import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the spool keeps beside the bytes: enough to store them later under the key the row already names. */
export interface SpooledArtifact {
  artifactId: string;
  key: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  spooledAt: string;
}

export interface SpoolLimits {
  maxBytes: number;
  maxFiles: number;
}

export type SpoolPut = { accepted: true } | { accepted: false; reason: string };

const META = '.json';
const BYTES = '.bin';
const PARTIAL = '.tmp';

/**
 * A bounded local directory holding artifacts the store could not take (`<id>.bin` and `<id>.json`, the
 * metadata written last, so an entry exists only once complete). When it is full a new artifact is refused
 * and the ones already kept stay: their rows say `pending` and point at them. Puts are serialised, so
 * two at once cannot both slip under a cap.
 */
export class ArtifactSpool {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly limits: SpoolLimits,
  ) {}

  put(entry: Omit<SpooledArtifact, 'spooledAt'>, body: Buffer): Promise<SpoolPut> {
    const run = this.queue.then(() => this.putNow(entry, body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Complete entries, oldest first; leftovers of writes a crash interrupted are removed. */
  async list(): Promise<SpooledArtifact[]> {
    const names = await this.names();
    for (const name of names.filter((n) => n.endsWith(PARTIAL))) await rm(join(this.dir, name), { force: true });
    const entries: SpooledArtifact[] = [];
    for (const name of names.filter((n) => n.endsWith(META))) {
      const meta = await readFile(join(this.dir, name), 'utf8').catch(() => null);
      if (meta) entries.push(JSON.parse(meta) as SpooledArtifact);
    }
    return entries.sort((a, b) => a.spooledAt.localeCompare(b.spooledAt));
  }

  /** The bytes of a spooled artifact, or null when this spool does not hold it. */
  async read(artifactId: string): Promise<Buffer | null> {
    const held = await readFile(join(this.dir, `${artifactId}${META}`)).catch(() => null);
    return held ? readFile(join(this.dir, `${artifactId}${BYTES}`)).catch(() => null) : null;
  }

  async remove(artifactId: string): Promise<void> {
    await rm(join(this.dir, `${artifactId}${META}`), { force: true });
    await rm(join(this.dir, `${artifactId}${BYTES}`), { force: true });
  }

  async usage(): Promise<{ files: number; bytes: number }> {
    const entries = await this.list();
    return { files: entries.length, bytes: entries.reduce((sum, e) => sum + e.sizeBytes, 0) };
  }

  private async putNow(entry: Omit<SpooledArtifact, 'spooledAt'>, body: Buffer): Promise<SpoolPut> {
    const used = await this.usage();
    if (used.files + 1 > this.limits.maxFiles || used.bytes + body.length > this.limits.maxBytes) {
      return {
        accepted: false,
        reason: `the spool is full (${used.files} of ${this.limits.maxFiles} files, ${used.bytes} + ${body.length} of ${this.limits.maxBytes} bytes)`,
      };
    }
    await mkdir(this.dir, { recursive: true });
    const meta: SpooledArtifact = { ...entry, spooledAt: new Date().toISOString() };
    await this.writeAtomically(`${entry.artifactId}${BYTES}`, body);
    await this.writeAtomically(`${entry.artifactId}${META}`, JSON.stringify(meta));
    return { accepted: true };
  }

  private async writeAtomically(name: string, data: Buffer | string): Promise<void> {
    const path = join(this.dir, name);
    await writeFile(`${path}${PARTIAL}`, data);
    await rename(`${path}${PARTIAL}`, path);
  }

  private async names(): Promise<string[]> {
    try {
      return await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}

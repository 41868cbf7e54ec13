import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../nats/nats-server';
import { waitFor } from '../poll/wait-for';

/** How `stop` shuts the server down (pg_ctl's modes): `immediate` is a crash without the kill. */
export type PostgresStopMode = 'smart' | 'fast' | 'immediate';

export interface OwnPostgresOptions {
  /** Directory of initdb/pg_ctl/postgres; default PG_BIN_DIR, else the newest /usr/lib/postgresql/<v>/bin. */
  binDir?: string;
  /** Extra `name = value` settings for postgresql.conf. */
  settings?: Record<string, string | number>;
}

export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth): a base URL for createScratchDatabase. */
  url: string;
  port: number;
  /** Temp dir holding `data/`, the unix socket and `postgres.log`. */
  dir: string;
  /** Stops the server (`fast` by default: open sessions are ended, a checkpoint is written). */
  stop(mode?: PostgresStopMode): Promise<void>;
  /** Starts it again on the same port and data directory; retries while a killed server's backends exit. */
  start(): Promise<void>;
  /** `stop(mode)`, an optional pause with the server down, `start()`. */
  restart(options?: { mode?: PostgresStopMode; downtimeMs?: number }): Promise<void>;
  /** SIGKILL to the postmaster and its backends, like a machine losing the process: crash recovery on start. */
  kill(): Promise<void>;
  /** The server log so far. */
  log(): string;
  /** Stops the server (immediate) and removes its directory. */
  destroy(): Promise<void>;
}

/**
 * A private PostgreSQL cluster for a test file (initdb into a temp dir, its own port and socket dir), so a
 * test may stop, kill and restart it without touching the machine's shared server. initdb and postgres refuse
 * to run as root: as root the cluster belongs to the `postgres` user and every command runs through runuser.
 */
export async function startOwnPostgres(options: OwnPostgresOptions = {}): Promise<OwnPostgres> {
  const bin = (name: string) => join(options.binDir ?? postgresBinDir(), name);
  const owner = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'wf-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  // Async: the fixture server and the fake LLM live in this process and must keep answering meanwhile.
  const run = async (command: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    await execFileAsync(file, argv, { cwd: dir, timeout: 60_000 });
  };

  await run(bin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings: Record<string, string | number> = {
    listen_addresses: "'127.0.0.1'",
    port,
    unix_socket_directories: `'${dir}'`,
    max_connections: 300,
    // A killed process loses nothing the OS has: skipping fsync keeps crash semantics and saves time.
    fsync: 'off',
    full_page_writes: 'off',
    ...options.settings,
  };
  appendFileSync(
    join(data, 'postgresql.conf'),
    `\n# startOwnPostgres\n${Object.entries(settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n')}\n`,
  );

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const pgCtl = (...args: string[]) => run(bin('pg_ctl'), ['-D', data, ...args]);
  const running = () => {
    const pid = postmasterPid(data);
    return pid !== undefined && alive(pid);
  };
  const start = async () => {
    // After a kill the old backends may still hold the shared memory for a moment: "still in use".
    await waitFor(() => pgCtl('start', '-w', '-t', '30', '-l', logFile).then(() => true), {
      timeoutMs: 20_000,
      intervalMs: 250,
      what: `postgres to start on ${port} (log: ${logFile})`,
    });
  };
  const stop = async (mode: PostgresStopMode = 'fast') => {
    if (running()) await pgCtl('stop', '-w', '-t', '30', '-m', mode);
  };
  const kill = async () => {
    const pid = postmasterPid(data);
    if (pid === undefined) return;
    const backends = childrenOf(pid);
    for (const p of [pid, ...backends]) signal(p, 'SIGKILL');
    await waitFor(() => [pid, ...backends].every((p) => !alive(p)), {
      timeoutMs: 10_000,
      what: 'the killed postgres processes to exit',
    });
  };
  // A test process that dies without destroy() must not leave a server behind.
  const onExit = () => {
    if (!running()) return;
    const args = [bin('pg_ctl'), '-D', data, 'stop', '-m', 'immediate'];
    if (owner) spawnSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'ignore' });
    else spawnSync(args[0], args.slice(1), { stdio: 'ignore' });
  };
  process.once('exit', onExit);

  await start();
  return {
    url,
    port,
    dir,
    start,
    stop,
    kill,
    restart: async ({ mode = 'fast', downtimeMs = 0 } = {}) => {
      await stop(mode);
      if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
      await start();
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    destroy: async () => {
      process.removeListener('exit', onExit);
      await stop('immediate').catch(() => kill());
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PG_BIN_DIR, else the newest Debian-style /usr/lib/postgresql/<version>/bin, else the PATH. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0 ? join(root, versions[0], 'bin') : '';
}

const execFileAsync = promisify(execFile);

function systemUser(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function postmasterPid(data: string): number | undefined {
  const file = join(data, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function childrenOf(pid: number): number[] {
  const result = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return result.stdout
    .split('\n')
    .map(Number)
    .filter((p) => Number.isInteger(p) && p > 0);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
}

function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

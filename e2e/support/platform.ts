import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createScratchDatabase, generateApiKey } from '@webbyflow/persistence';
import {
  FakeLlmServer,
  FIXTURE_CHROMIUM_ARGS,
  freePort,
  startFixtureServer,
  startNatsServer,
  startOwnPostgres,
  type OwnPostgres,
  type TestNatsServer,
  waitFor,
} from '@webbyflow/testing';

const ROOT = resolve(__dirname, '..', '..');
const SERVICES = ['artifact-svc', 'browser-svc', 'llm-svc', 'orchestrator', 'gateway'] as const;
export type Service = (typeof SERVICES)[number];

export interface PlatformOptions {
  /**
   * A private Postgres cluster (initdb on a free port) instead of a scratch database on DATABASE_URL's
   * server, so a test may stop, kill or restart it (`platform.postgres`).
   */
  ownPostgres?: boolean;
  /** Extra environment for every service, e.g. BROWSER_MAX_CONTEXTS. */
  env?: NodeJS.ProcessEnv;
  /**
   * `false`: no LLM variable at all in any service, as on a machine with no API key (tasks use the
   * heuristic planner). Otherwise the fake LLM is configured and is every task's default planner
   * (`PLANNER_DEFAULT=llm`), so scripted tests meet the model; a task may still ask for `auto`.
   */
  model?: boolean;
}

export interface Platform {
  apiUrl: string;
  apiKey: string;
  otherOrgApiKey: string;
  fixturesUrl: string;
  /** Always private to this platform: `nats.restart()` / `kill()` / `start()` keep port and JetStream store. */
  nats: TestNatsServer;
  /** Set with `ownPostgres`: the cluster behind DATABASE_URL, to stop, kill or restart. */
  postgres?: OwnPostgres;
  /** The scratch database every service uses. */
  databaseUrl: string;
  /** A query on that database from the test process. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  llm: FakeLlmServer;
  dataDir: string;
  /** fetch against the gateway with the API key. */
  api(path: string, init?: RequestInit & { key?: string }): Promise<Response>;
  stop(): Promise<void>;
  /** A service's log, or a replica's by its name. */
  logs(name: string): string;
  /** SIGKILL (default), like a crash: no shutdown hook runs, in-flight messages stay unacked. */
  kill(service: Service, signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, like a deploy: the service shuts down gracefully. */
  terminate(service: Service): Promise<void>;
  /** Starts a service again (after kill) and waits for its /healthz. */
  start(service: Service): Promise<void>;
  /**
   * Starts one more instance of a service (its own port, `INSTANCE_ID` = `<name>-e2e`, log `logs(name)`),
   * stopped with the platform.
   */
  startReplica(service: Service, name: string): Promise<void>;
}

/**
 * The whole platform as a user runs it: the five services as separate Node processes (built
 * `dist/main.js`), a private nats-server, a scratch Postgres database migrated up, the fake LLM and
 * the fixture sites on 127.0.0.1.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-e2e-'));
  const postgres = options.ownPostgres ? await startOwnPostgres() : undefined;
  const [nats, db, fixtures, llm] = await Promise.all([
    startNatsServer(),
    createScratchDatabase({ label: 'e2e', migrate: true, baseUrl: postgres?.url }),
    startFixtureServer(),
    FakeLlmServer.start(),
  ]);
  const keys = await Promise.all(
    ['E2E org', 'Other org'].map(async (name) => {
      const org = await db.dataSource.query<Array<{ id: string }>>(`INSERT INTO orgs (name) VALUES ($1) RETURNING id`, [
        name,
      ]);
      const key = generateApiKey();
      await db.dataSource.query(`INSERT INTO api_keys (org_id, name, prefix, key_hash) VALUES ($1, 'e2e', $2, $3)`, [
        org[0].id,
        key.prefix,
        key.keyHash,
      ]);
      return key.key;
    }),
  );
  const ports = Object.fromEntries(
    await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const)),
  ) as Record<Service, number>;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    NATS_URL: nats.url,
    DATABASE_URL: db.url,
    ARTIFACT_DIR: join(dataDir, 'artifacts'),
    ARTIFACT_SVC_URL: `http://127.0.0.1:${ports['artifact-svc']}`,
    BROWSER_EXTRA_ARGS: FIXTURE_CHROMIUM_ARGS.join(' '),
    ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
    ...(options.model === false
      ? {}
      : {
          LLM_PROVIDER: 'openai',
          LLM_BASE_URL: llm.openAiBaseUrl,
          LLM_API_KEY: 'test-key',
          LLM_MODEL: 'fake-model',
          PLANNER_DEFAULT: 'llm',
        }),
    ORCHESTRATOR_SWEEP_INTERVAL_MS: '500',
    // Scripted models answer plans only; specs of the completion check turn it on with `env`.
    ORCHESTRATOR_COMPLETION_CHECK: 'false',
    // A crashed consumer's unacked message comes back after this long (heartbeats keep live ones).
    NATS_ACK_WAIT_MS: '4000',
    // Fixture sites and webhook receivers live on 127.0.0.1, which the SSRF guards refuse unless allowed.
    TASK_URL_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_BACKOFF_BASE_MS: '200',
    WEBHOOK_POLL_INTERVAL_MS: '200',
    ...options.env,
  };
  // Keyed by instance name: a service's own name, or a replica's.
  const children = new Map<string, ChildProcess>();
  const portOf = new Map<string, number>(Object.entries(ports));
  const logFile = (s: string) => join(dataDir, `${s}.log`);
  const logs = (s: string) => readFileSync(logFile(s), 'utf8');
  const launch = (service: Service, name: string = service) => {
    const log = createWriteStream(logFile(name), { flags: 'a' });
    const child = spawn(process.execPath, [join(ROOT, 'apps', service, 'dist', 'main.js')], {
      cwd: ROOT,
      env: { ...env, PORT: String(portOf.get(name)), INSTANCE_ID: `${name}-e2e` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.set(name, child);
  };
  const healthy = (name: string) =>
    waitFor(
      async () => {
        const child = children.get(name);
        if (child?.exitCode !== null) throw new Error(`${name} exited: ${logs(name).slice(-2000)}`);
        return (await fetch(`http://127.0.0.1:${portOf.get(name)}/healthz`)).ok;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `${name} /healthz` },
    );
  const signal = async (service: Service, name: NodeJS.Signals) => {
    const child = children.get(service);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(name);
    await exited;
  };
  SERVICES.forEach((service) => launch(service));
  await Promise.all(SERVICES.map(healthy));
  const apiUrl = `http://127.0.0.1:${ports.gateway}`;
  return {
    apiUrl,
    apiKey: keys[0],
    otherOrgApiKey: keys[1],
    fixturesUrl: fixtures.baseUrl,
    nats,
    postgres,
    databaseUrl: db.url,
    sql: (query, params) => db.dataSource.query(query, params),
    llm,
    dataDir,
    logs,
    kill: (service, name = 'SIGKILL') => signal(service, name),
    terminate: (service) => signal(service, 'SIGTERM'),
    start: async (service) => {
      launch(service);
      await healthy(service);
    },
    startReplica: async (service, name) => {
      portOf.set(name, await freePort());
      launch(service, name);
      await healthy(name);
    },
    api: (path, init = {}) => {
      const { key, headers, ...rest } = init;
      return fetch(`${apiUrl}${path}`, {
        ...rest,
        headers: {
          'content-type': 'application/json',
          'x-api-key': key ?? keys[0],
          ...(headers as Record<string, string>),
        },
      });
    },
    stop: async () => {
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
      await Promise.allSettled([llm.close(), fixtures.close(), nats.stop()]);
      try {
        await db.drop();
      } finally {
        await postgres?.destroy();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

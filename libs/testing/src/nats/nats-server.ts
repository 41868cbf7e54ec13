import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { waitFor } from '../poll/wait-for';

export interface NatsRestartOptions {
  /** SIGKILL (default, a crash) or SIGTERM (graceful shutdown). */
  signal?: 'SIGKILL' | 'SIGTERM';
  /** How long the server stays down before it starts again. */
  downtimeMs?: number;
}

export interface TestNatsServer {
  url: string;
  port: number;
  /** JetStream store directory; it survives `kill`/`restart`, `stop` removes it. */
  storeDir: string;
  /** Stops the server (SIGKILL by default) and starts it again on the same port and store. */
  restart(options?: NatsRestartOptions): Promise<void>;
  /** Takes the server down, keeping its store (SIGKILL by default). */
  kill(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts it again after `kill`, same port and store; waits until it accepts connections. */
  start(): Promise<void>;
  /** Kills the server and removes its store. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A private nats-server with JetStream for one test file: the real server binary, its own port and
 * store, so tests never share streams or durable consumers with a platform running on 4222.
 */
export async function startNatsServer(binary = process.env.NATS_SERVER_BIN ?? 'nats-server'): Promise<TestNatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'wf-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
    await waitFor(
      async () => {
        const nc = await connect({ servers: url, reconnect: false });
        await nc.close();
        return true;
      },
      { timeoutMs: 10_000, what: `nats-server on ${port}` },
    );
  };
  const kill = async (signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  };

  await launch();
  return {
    url,
    port,
    storeDir,
    kill,
    start: launch,
    restart: async ({ signal = 'SIGKILL', downtimeMs = 0 }: NatsRestartOptions = {}) => {
      await kill(signal);
      if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
      await launch();
    },
    stop: async () => {
      await kill();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from './testing/gateway.harness';

// The built gateway, started the way production starts it, so the log lines are the real ones.
const MAIN = resolve(__dirname, '../dist/main.js');
const SECRET_PASSWORD = 'hunter2-correct-horse';
const SECRET_CVV = 'cvv-7f3a9d';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

describe('gateway logs', () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'logs');
  });
  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await gw?.close();
    await nats?.stop();
  });

  /** Starts a second gateway on the harness's NATS and database, logging everything, and waits for it. */
  async function startLoggingGateway(): Promise<string> {
    const port = await freePort();
    child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'trace',
        HOST: '127.0.0.1',
        PORT: String(port),
        INSTANCE_ID: 'gateway-logs',
        NATS_URL: nats.url,
        DATABASE_URL: gw.db.url,
        DATABASE_POOL_SIZE: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const url = `http://127.0.0.1:${port}`;
    for (let attempt = 0; attempt < 300; attempt++) {
      if (child.exitCode !== null) throw new Error(`gateway exited:\n${output}`);
      const up = await fetch(`${url}/healthz`).then(
        (res) => res.ok,
        () => false,
      );
      if (up) return url;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`gateway did not start:\n${output}`);
  }

  it('should keep API keys and secret payload values out of every log line when tasks are posted', async () => {
    const url = await startLoggingGateway();
    const key = gw.orgA.key;
    const task = {
      url: 'https://shop.example/pay',
      goal: 'Pay the invoice',
      payload: { email: 'ada@example.com', password: SECRET_PASSWORD, card: { cvv: SECRET_CVV } },
    };
    const post = (path: string, headers: Record<string, string>, body: string) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    expect((await post('/v1/tasks', { 'x-api-key': key }, JSON.stringify(task))).status).toBe(201);
    // The key in the wrong places, and the secret in bodies that fail: each of these is logged too.
    expect((await post('/v1/tasks', { authorization: `Bearer ${key}` }, JSON.stringify(task))).status).toBe(401);
    expect((await post(`/v1/tasks?api_key=${key}`, { 'x-api-key': key }, JSON.stringify(task))).status).toBe(400);
    expect((await post('/v1/tasks', { 'x-api-key': key }, `{"payload":{"password":"${SECRET_PASSWORD}"`)).status).toBe(
      400,
    );
    expect((await fetch(`${url}/v1/tasks/${key}`, { headers: { 'x-api-key': key } })).status).toBe(404);

    child?.kill('SIGTERM');
    if (child?.exitCode === null) await once(child, 'exit');

    expect(output).toContain('"url":"/v1/tasks"');
    expect(output).toContain('[Redacted]');
    const secretPart = key.slice('wf_00000000_'.length);
    for (const secret of [secretPart, SECRET_PASSWORD, SECRET_CVV]) expect(output).not.toContain(secret);
  }, 90_000);
});

import { randomUUID } from 'node:crypto';
import { QUEUE_FULL_RETRY_AFTER_SECONDS } from '@webbyflow/api';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { TasksController } from './tasks.controller';

const validTask = { url: 'https://shop.example/contact', goal: 'Send the contact form' };

describe(`${TasksController.name} admission and idempotency`, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'admission');
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });
  afterEach(() => {
    gw.orchestrator.queueFull = null;
  });

  it('should answer 429 QUEUE_FULL with Retry-After naming the limit when the orchestrator queue is full', async () => {
    gw.orchestrator.queueFull = '2000 runs are waiting to start, the limit ORCHESTRATOR_MAX_QUEUED is 2000';
    const res = await gw.call('POST', '/v1/tasks', { body: validTask });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(QUEUE_FULL_RETRY_AFTER_SECONDS));
    const { error } = await res.json();
    expect(error.code).toBe('QUEUE_FULL');
    expect(error.message).toContain('ORCHESTRATOR_MAX_QUEUED is 2000');
  });

  it('should pass priority to the orchestrator and show it when the body sets it', async () => {
    const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, priority: 7 } });
    expect(res.status).toBe(201);
    expect(gw.orchestrator.created.at(-1)?.spec.priority).toBe(7);
    const bad = await gw.call('POST', '/v1/tasks', { body: { ...validTask, priority: 11 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual([{ field: 'priority', message: expect.any(String) }]);
  });

  it('should return the same task when the Idempotency-Key repeats with the same body', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const first = await gw.call('POST', '/v1/tasks', { body: validTask, headers });
    const again = await gw.call('POST', '/v1/tasks', { body: validTask, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(gw.orchestrator.created.at(-1)?.idempotencyKey).toBe(headers['idempotency-key']);
  });

  it('should answer 409 naming the header when the Idempotency-Key repeats with a different body', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    await gw.call('POST', '/v1/tasks', { body: validTask, headers });
    const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, goal: 'Something else' }, headers });
    expect(res.status).toBe(409);
    const { error } = await res.json();
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error.fields).toEqual([{ field: 'idempotency-key', message: expect.any(String) }]);
  });

  it('should answer 400 naming the header when the Idempotency-Key is over 255 characters', async () => {
    const res = await gw.call('POST', '/v1/tasks', {
      body: validTask,
      headers: { 'idempotency-key': 'k'.repeat(256) },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toEqual([{ field: 'idempotency-key', message: expect.any(String) }]);
  });
});

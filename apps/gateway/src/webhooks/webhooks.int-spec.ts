import { randomUUID } from 'node:crypto';
import type { WebhookDeliveryViewV1 } from '@webbyflow/contracts';
import { WebhookSecretCipher, WebhookSecretEntity } from '@webbyflow/persistence';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { WebhooksController } from './webhooks.controller';

const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

describe(WebhooksController.name, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'webhooks', { WEBHOOK_SECRET_KEY: SECRET_KEY });
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  /** A task in the stand-in, finished (or not) with a webhook_url (or not). */
  async function task(patch: { status?: 'completed' | 'running'; webhookUrl?: string | null } = {}, key?: string) {
    const res = await gw.call('POST', '/v1/tasks', {
      body: { url: 'https://shop.example/', goal: 'g', webhook_url: 'https://hooks.example/x' },
      key,
    });
    const { id } = (await res.json()) as { id: string };
    const view = gw.orchestrator.tasks.get(id)!;
    gw.orchestrator.tasks.set(id, { ...view, status: 'completed', ...patch });
    return id;
  }

  describe('GET /v1/tasks/:id/webhook/deliveries', () => {
    it('should list deliveries and their attempts in snake_case when the task is the caller org’s', async () => {
      const id = await task();
      const delivery: WebhookDeliveryViewV1 = {
        id: randomUUID(),
        taskId: id,
        eventId: `${id}:completed`,
        url: 'https://hooks.example/x',
        trigger: 'finished',
        status: 'delivered',
        attemptCount: 2,
        nextAttemptAt: null,
        createdAt: '2026-11-01T12:00:00.000Z',
        attempts: [
          {
            attempt: 2,
            startedAt: '2026-11-01T12:00:03.000Z',
            durationMs: 12,
            responseStatus: 200,
            error: null,
            outcome: 'delivered',
          },
          {
            attempt: 1,
            startedAt: '2026-11-01T12:00:00.000Z',
            durationMs: 30,
            responseStatus: 500,
            error: 'HTTP 500',
            outcome: 'retry',
          },
        ],
      };
      gw.orchestrator.deliveries.set(id, [delivery]);
      const res = await gw.call('GET', `/v1/tasks/${id}/webhook/deliveries`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        task_id: id,
        deliveries: [
          {
            id: delivery.id,
            task_id: id,
            event_id: `${id}:completed`,
            url: 'https://hooks.example/x',
            trigger: 'finished',
            status: 'delivered',
            attempt_count: 2,
            next_attempt_at: null,
            created_at: '2026-11-01T12:00:00.000Z',
            attempts: [
              expect.objectContaining({ attempt: 2, response_status: 200, outcome: 'delivered', duration_ms: 12 }),
              expect.objectContaining({ attempt: 1, response_status: 500, error: 'HTTP 500', outcome: 'retry' }),
            ],
          },
        ],
      });
    });

    it('should answer 404 when the task is unknown or another org’s', async () => {
      const theirs = await task({}, gw.orgB.key);
      for (const id of [theirs, randomUUID(), 'nope']) {
        const res = await gw.call('GET', `/v1/tasks/${id}/webhook/deliveries`);
        expect(res.status).toBe(404);
        expect((await res.json()).error.code).toBe('TASK_NOT_FOUND');
      }
    });
  });

  describe('POST /v1/tasks/:id/webhook/resend', () => {
    it('should answer 202 with the queued delivery when the run has finished', async () => {
      const id = await task();
      const res = await gw.call('POST', `/v1/tasks/${id}/webhook/resend`);
      expect(res.status).toBe(202);
      expect(await res.json()).toMatchObject({ task_id: id, trigger: 'resend', status: 'pending', attempts: [] });
      expect(gw.orchestrator.deliveries.get(id)).toHaveLength(1);
    });

    it('should answer 409 naming why when the run is not finished or has no webhook_url', async () => {
      const running = await task({ status: 'running' });
      const silent = await task({ webhookUrl: null });
      const notFinished = await gw.call('POST', `/v1/tasks/${running}/webhook/resend`);
      const noHook = await gw.call('POST', `/v1/tasks/${silent}/webhook/resend`);
      expect([notFinished.status, noHook.status]).toEqual([409, 409]);
      expect((await notFinished.json()).error).toMatchObject({
        code: 'TASK_NOT_FINISHED',
        message: expect.stringContaining('once the run has ended'),
      });
      expect((await noHook.json()).error.code).toBe('WEBHOOK_NOT_CONFIGURED');
    });

    it('should answer 404 when the task is another org’s', async () => {
      const theirs = await task({}, gw.orgB.key);
      expect((await gw.call('POST', `/v1/tasks/${theirs}/webhook/resend`)).status).toBe(404);
    });
  });

  describe('POST /v1/webhooks/signing-secret', () => {
    it('should issue a new secret each time, store it encrypted, and scope it to the caller org', async () => {
      const first = await gw.call('POST', '/v1/webhooks/signing-secret');
      const second = await gw.call('POST', '/v1/webhooks/signing-secret');
      expect(first.status).toBe(201);
      const a = (await first.json()) as { secret: string; created_at: string };
      const b = (await second.json()) as { secret: string };
      expect(a.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(b.secret).not.toBe(a.secret);
      const row = await gw.db.dataSource.getRepository(WebhookSecretEntity).findOneByOrFail({ orgId: gw.orgA.id });
      expect(row.sealedSecret).not.toContain(b.secret);
      expect(new WebhookSecretCipher(SECRET_KEY).open(row.sealedSecret)).toBe(b.secret);
      expect(await gw.db.dataSource.getRepository(WebhookSecretEntity).findOneBy({ orgId: gw.orgB.id })).toBeNull();
    });

    it('should answer 401 without a key', async () => {
      expect((await gw.call('POST', '/v1/webhooks/signing-secret', { key: null })).status).toBe(401);
    });
  });
});

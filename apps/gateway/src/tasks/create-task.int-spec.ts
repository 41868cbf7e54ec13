import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { TasksController } from './tasks.controller';

const validTask = { url: 'https://shop.example/contact', goal: 'Send the contact form' };

describe(TasksController.name, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'create');
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  describe('POST /v1/tasks', () => {
    it('should create the task through the orchestrator with the caller org and the mapped spec when the body is valid', async () => {
      const res = await gw.call('POST', '/v1/tasks', {
        body: {
          ...validTask,
          payload: { email: 'a@b.c' },
          extraction_schema: { type: 'object', properties: { ticket: { type: 'string' } } },
          max_steps: 5,
          webhook_url: 'https://hooks.example/done',
        },
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toMatchObject({ status: 'queued', url: validTask.url, max_steps: 5, step_count: 0, artifacts: [] });
      expect(body.id).toEqual(expect.any(String));
      expect(body).not.toHaveProperty('orgId');
      expect(gw.orchestrator.created.at(-1)).toEqual({
        orgId: gw.orgA.id,
        envelopeOrgId: gw.orgA.id,
        spec: {
          url: validTask.url,
          goal: validTask.goal,
          payload: { email: 'a@b.c' },
          extractionSchema: { type: 'object', properties: { ticket: { type: 'string' } } },
          maxSteps: 5,
          webhookUrl: 'https://hooks.example/done',
          timeoutSeconds: 600,
        },
      });
    });

    it('should answer 400 naming url and max_steps with the fix when they are invalid', async () => {
      const res = await gw.call('POST', '/v1/tasks', { body: { url: 'ftp://x', goal: 'g', max_steps: 0 } });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields).toEqual(
        expect.arrayContaining([
          { field: 'url', message: expect.stringContaining('http or https URL') },
          { field: 'max_steps', message: 'must be an integer between 1 and 100' },
        ]),
      );
      expect(error.message).toContain('max_steps must be an integer between 1 and 100');
    });

    it('should answer 400 naming extraction_schema when it is not a valid JSON Schema', async () => {
      const res = await gw.call('POST', '/v1/tasks', {
        body: { ...validTask, extraction_schema: { type: 'object', properties: { a: { type: 'texte' } } } },
      });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.fields).toEqual([
        { field: 'extraction_schema', message: expect.stringContaining('is not a valid JSON Schema') },
      ]);
    });

    it('should pass browser options to the orchestrator in the contract’s names when the body sets them', async () => {
      const res = await gw.call('POST', '/v1/tasks', {
        body: {
          ...validTask,
          browser: {
            viewport: { width: 1024, height: 700 },
            timezone_id: 'Europe/Berlin',
            extra_http_headers: { 'x-tenant': 'acme' },
            cookies: [{ name: 'sid', value: 's', url: 'https://shop.example/', http_only: true }],
            save_profile: true,
            block_resource_types: ['image'],
          },
        },
      });
      expect(res.status).toBe(201);
      expect(gw.orchestrator.created.at(-1)?.spec.browser).toEqual({
        viewport: { width: 1024, height: 700 },
        timezoneId: 'Europe/Berlin',
        extraHttpHeaders: { 'x-tenant': 'acme' },
        cookies: [{ name: 'sid', value: 's', url: 'https://shop.example/', httpOnly: true }],
        saveProfile: true,
        blockResourceTypes: ['image'],
      });
    });

    it('should answer 400 naming the browser field when a browser option is invalid', async () => {
      const before = gw.orchestrator.created.length;
      const res = await gw.call('POST', '/v1/tasks', {
        body: { ...validTask, browser: { timezone_id: 'Mars/Olympus', cookies: [{ name: 'a', value: 'b' }] } },
      });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields).toEqual([
        { field: 'browser.timezone_id', message: 'must be an IANA time zone such as Europe/Berlin' },
        { field: 'browser.cookies[0]', message: 'needs a url or a domain' },
      ]);
      expect(gw.orchestrator.created).toHaveLength(before);
    });

    it('should pass recovery_rules to the orchestrator in the contract’s names and show them on the task', async () => {
      const rule = { component: 'browser', code: 'SESSION_LOST', strategy: 'fail', max_attempts: 0 };
      const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, recovery_rules: [rule] } });
      expect(res.status).toBe(201);
      const filled = { ...rule, base_ms: 0, max_ms: 30_000, within_ms: 300_000 };
      expect((await res.json()).recovery_rules).toEqual([filled]);
      expect(gw.orchestrator.created.at(-1)?.spec.recoveryRules).toMatchObject([
        { code: 'SESSION_LOST', maxAttempts: 0, withinMs: 300_000 },
      ]);
    });

    it('should answer 400 naming the recovery rule’s field when a rule is invalid', async () => {
      const before = gw.orchestrator.created.length;
      const res = await gw.call('POST', '/v1/tasks', {
        body: { ...validTask, recovery_rules: [{ component: 'browser', code: '*', strategy: 'reboot' }] },
      });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields).toEqual([
        { field: 'recovery_rules[0].strategy', message: expect.stringContaining('new_session') },
      ]);
      expect(gw.orchestrator.created).toHaveLength(before);
    });

    it('should answer 400 naming an unknown field when the body has one', async () => {
      const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, maxSteps: 3 } });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.fields).toEqual([{ field: 'maxSteps', message: expect.stringContaining('is not a known field') }]);
    });

    it('should answer 413 PAYLOAD_TOO_LARGE when the body is over the limit', async () => {
      const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, goal: 'x'.repeat(1_100_000) } });
      expect(res.status).toBe(413);
      expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('should answer 400 MALFORMED_REQUEST when the body is not JSON', async () => {
      const res = await fetch(`${gw.url}/v1/tasks`, {
        method: 'POST',
        headers: { 'x-api-key': gw.orgA.key, 'content-type': 'application/json' },
        body: '{"url":',
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('MALFORMED_REQUEST');
    });
  });
});

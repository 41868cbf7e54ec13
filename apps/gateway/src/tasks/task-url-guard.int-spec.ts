import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { TasksController } from './tasks.controller';

describe(`${TasksController.name} URL guard`, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    // Like the e2e platform: the operator lets tasks reach 127.0.0.1 and nothing else internal.
    gw = await startGatewayHarness(nats.url, 'url_guard', { TASK_URL_ALLOWED_HOSTS: '127.0.0.1' });
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  const create = (body: Record<string, unknown>) => gw.call('POST', '/v1/tasks', { body: { goal: 'g', ...body } });

  it.each([
    ['http://10.1.2.3/admin', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[::ffff:169.254.169.254]/', 'link-local'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://[fd00::1]/', 'unique-local'],
    ['http://0.0.0.0:3000/', 'unspecified'],
  ])('should answer 400 naming url when it points to %s', async (url, kind) => {
    const res = await create({ url });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([
      {
        field: 'url',
        message: expect.stringMatching(
          new RegExp(`^must not point to an internal address: .* is a ${kind} address; .*TASK_URL_ALLOWED_HOSTS$`),
        ),
      },
    ]);
    expect(gw.orchestrator.created.some((c) => c.spec.url === url)).toBe(false);
  });

  it('should refuse a host name that resolves to loopback unless its address is allowed', async () => {
    // localhost resolves to 127.0.0.1 (allowed here) and possibly ::1 (not allowed): every address must pass.
    const res = await create({ url: 'http://localhost.:9/' });
    const { lookup } = await import('node:dns/promises');
    const addresses = (await lookup('localhost', { all: true })).map((a) => a.address);
    expect(res.status).toBe(addresses.every((a) => a === '127.0.0.1') ? 201 : 400);
  });

  it('should accept an allowed address and a public or unresolvable host', async () => {
    for (const url of ['http://127.0.0.1:8080/contact', 'https://93.184.216.34/', 'https://shop.example/']) {
      expect((await create({ url })).status).toBe(201);
    }
  });

  it('should check webhook_url against WEBHOOK_ALLOWED_HOSTS, which is empty here', async () => {
    const res = await create({ url: 'http://127.0.0.1:8080/', webhook_url: 'http://127.0.0.1:9999/hook' });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.fields).toEqual([
      {
        field: 'webhook_url',
        message: expect.stringContaining(
          'loopback address; it is refused unless the operator allows it in WEBHOOK_ALLOWED_HOSTS',
        ),
      },
    ]);
  });
});

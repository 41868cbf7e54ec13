import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, startGatewayHarness } from '../testing/gateway.harness';
import { TasksController } from './tasks.controller';

const validTask = { url: 'https://shop.example/contact', goal: 'Send the contact form' };

describe(`${TasksController.name} planner selection`, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'planner');
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  it.each(['auto', 'llm', 'heuristic', 'cache_only'])(
    'should pass planner %s to the orchestrator and show it',
    async (planner) => {
      const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, planner } });
      expect(res.status).toBe(201);
      expect((await res.json()).planner).toBe(planner);
      expect(gw.orchestrator.created.at(-1)?.spec.planner).toBe(planner);
    },
  );

  it('should show planner null and send none when the body names no planner', async () => {
    const res = await gw.call('POST', '/v1/tasks', { body: validTask });
    expect((await res.json()).planner).toBeNull();
    expect(gw.orchestrator.created.at(-1)?.spec).not.toHaveProperty('planner');
  });

  it('should pass plan_cache to the orchestrator as planCache when the task bypasses the cache', async () => {
    const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, plan_cache: 'refresh' } });
    expect(res.status).toBe(201);
    expect(gw.orchestrator.created.at(-1)?.spec.planCache).toBe('refresh');
  });

  it('should answer 400 naming planner when it is unknown or not a string', async () => {
    for (const planner of ['cache', 3]) {
      const res = await gw.call('POST', '/v1/tasks', { body: { ...validTask, planner } });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'planner' }] });
      expect(error.fields[0].message).toMatch(/auto|llm|heuristic/);
    }
  });
});

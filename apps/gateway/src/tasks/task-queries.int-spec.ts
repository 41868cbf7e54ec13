import { randomUUID } from 'node:crypto';
import type { StepViewV1 } from '@webbyflow/contracts';
import { startNatsServer, type TestNatsServer } from '@webbyflow/testing';
import { type GatewayHarness, PUBLIC_BASE_URL, startGatewayHarness } from '../testing/gateway.harness';
import { TasksController } from './tasks.controller';

const validTask = { url: 'https://shop.example/contact', goal: 'Send the contact form' };

describe(`${TasksController.name} reads and cancel`, () => {
  let nats: TestNatsServer;
  let gw: GatewayHarness;
  const createTask = async (key?: string): Promise<{ id: string }> =>
    (await gw.call('POST', '/v1/tasks', { body: validTask, key })).json();

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGatewayHarness(nats.url, 'queries');
  });
  afterAll(async () => {
    await gw?.close();
    await nats?.stop();
  });

  it('should answer the task view with artifact links when the task is the caller org’s', async () => {
    const { id } = await createTask();
    const artifactId = randomUUID();
    const view = gw.orchestrator.tasks.get(id)!;
    const artifact = {
      id: artifactId,
      kind: 'screenshot' as const,
      contentType: 'image/png',
      sizeBytes: 3,
      state: 'stored' as const,
    };
    gw.orchestrator.tasks.set(id, { ...view, artifacts: [{ ...artifact, stepIndex: 0, createdAt: view.createdAt }] });
    const res = await gw.call('GET', `/v1/tasks/${id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id, status: 'queued', goal: validTask.goal, failure_reason: null, started_at: null });
    expect(body.artifacts).toEqual([
      {
        id: artifactId,
        kind: 'screenshot',
        content_type: 'image/png',
        size_bytes: 3,
        step_index: 0,
        state: 'stored',
        url: `${PUBLIC_BASE_URL}/v1/artifacts/${artifactId}/content`,
      },
    ]);
  });

  it.each([
    ['unknown', () => randomUUID()],
    ['malformed', () => 'not-a-uuid'],
  ])('should answer 404 TASK_NOT_FOUND when the id is %s', async (_case, id) => {
    for (const path of [`/v1/tasks/${id()}`, `/v1/tasks/${id()}/steps`]) {
      const res = await gw.call('GET', path);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('TASK_NOT_FOUND');
    }
  });

  it('should answer 404 TASK_NOT_FOUND when the task belongs to another org', async () => {
    const { id } = await createTask(gw.orgB.key);
    for (const [method, path] of [
      ['GET', `/v1/tasks/${id}`],
      ['GET', `/v1/tasks/${id}/steps`],
      ['GET', `/v1/tasks/${id}/events`],
      ['POST', `/v1/tasks/${id}/cancel`],
    ]) {
      const res = await gw.call(method, path);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('TASK_NOT_FOUND');
    }
    expect(gw.orchestrator.tasks.get(id)?.status).toBe('queued');
  });

  it('should list the steps in snake_case with artifact links when the task has steps', async () => {
    const { id } = await createTask();
    const screenshot = randomUUID();
    const step: StepViewV1 = {
      index: 0,
      status: 'completed',
      url: validTask.url,
      reasoning: 'fill the form',
      inputTokens: 120,
      outputTokens: 30,
      screenshotArtifactId: screenshot,
      elementTreeArtifactId: null,
      createdAt: new Date().toISOString(),
      actions: [
        {
          index: 0,
          type: 'click',
          elementId: 'e7',
          input: {},
          reasoning: 'open it',
          status: 'succeeded',
          result: { success: true },
        },
      ],
    };
    gw.orchestrator.steps.set(id, [step]);
    const res = await gw.call('GET', `/v1/tasks/${id}/steps`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      task_id: id,
      steps: [
        {
          index: 0,
          status: 'completed',
          url: validTask.url,
          reasoning: 'fill the form',
          input_tokens: 120,
          output_tokens: 30,
          planner: null,
          planner_confidence: null,
          cache_miss: null,

          // an orchestrator older than LLM accounting sends none of these
          cached_tokens: 0,
          cost_usd: 0,
          fallback: false,
          llm_calls: [],
          screenshot_url: `${PUBLIC_BASE_URL}/v1/artifacts/${screenshot}/content`,
          element_tree_url: null,
          actions: [
            {
              index: 0,
              type: 'click',
              element_id: 'e7',
              input: {},
              reasoning: 'open it',
              status: 'succeeded',
              result: { success: true },
            },
          ],
        },
      ],
    });
  });

  it('should list only the caller org tasks, newest first, and filter by status', async () => {
    const a = await createTask();
    const b = await createTask();
    const other = await createTask(gw.orgB.key);
    await gw.call('POST', `/v1/tasks/${a.id}/cancel`);
    const res = await gw.call('GET', '/v1/tasks?limit=200');
    expect(res.status).toBe(200);
    const body = await res.json();
    const ids = body.tasks.map((t: { id: string }) => t.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(ids).not.toContain(other.id);
    expect(body.tasks[0]).toEqual(expect.objectContaining({ step_count: 0, created_at: expect.any(String) }));
    const canceled = await (await gw.call('GET', '/v1/tasks?status=canceled')).json();
    expect(canceled.tasks.map((t: { id: string }) => t.id)).toContain(a.id);
    expect(canceled.tasks.every((t: { status: string }) => t.status === 'canceled')).toBe(true);
    const bad = await gw.call('GET', '/v1/tasks?status=sleeping');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual([expect.objectContaining({ field: 'status' })]);
  });

  it('should page the run events in snake_case and name a bad limit', async () => {
    const { id } = await createTask();
    const res = await gw.call('GET', `/v1/tasks/${id}/events?limit=2&after=abc`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      task_id: id,
      events: [
        {
          id: `${id}:created`,
          subject: 'webbyflow.evt.task.created.v1',
          version: 1,
          causation_id: null,
          occurred_at: expect.any(String),
        },
      ],
      next_cursor: null,
    });
    expect(gw.orchestrator.eventQueries.at(-1)).toEqual({ after: 'abc', limit: 2 });
    const bad = await gw.call('GET', `/v1/tasks/${id}/events?limit=0`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('should cancel the task when it is still running, then answer 409 when it is canceled again', async () => {
    const { id } = await createTask();
    const first = await gw.call('POST', `/v1/tasks/${id}/cancel`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ id, status: 'canceled', finished_at: expect.any(String) });
    const again = await gw.call('POST', `/v1/tasks/${id}/cancel`);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('TASK_ALREADY_FINISHED');
  });

  // Last: it takes the orchestrator away.
  it('should answer 503 SERVICE_UNAVAILABLE with Retry-After when no orchestrator answers', async () => {
    await gw.stopOrchestrator();
    for (const [method, path, body] of [
      ['POST', '/v1/tasks', validTask],
      ['GET', `/v1/tasks/${randomUUID()}`, undefined],
    ] as const) {
      const res = await gw.call(method, path, { body });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await res.json()).error).toEqual({ code: 'SERVICE_UNAVAILABLE', message: expect.any(String) });
    }
  });
});

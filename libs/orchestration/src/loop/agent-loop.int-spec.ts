import { randomUUID } from 'node:crypto';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { INestApplicationContext } from '@nestjs/common';
import {
  COMMANDS_STREAM,
  type Envelope,
  EVENTS_STREAM,
  type PayloadOf,
  type Subject,
  TaskSpecV1,
} from '@webbyflow/contracts';
import { ArtifactEntity } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { EventLogService } from '../events/event-log.service';
import { DeadlineSweeper } from '../tasks/deadline.sweeper';
import { TaskService } from '../tasks/task.service';
import { AgentLoopService } from './agent-loop.service';
import { OrchestrationTestBed } from '../testing/orchestration.test-bed';

const ref = (kind: 'screenshot' | 'html' | 'element_tree') => ({
  artifactId: randomUUID(),
  kind,
  contentType: 'x/y',
  sizeBytes: 1,
  sha256: 'a'.repeat(64),
});
const env = <S extends Subject>(
  subject: S,
  taskId: string,
  orgId: string,
  payload: PayloadOf<S>,
): Envelope<PayloadOf<S>> => ({
  id: `${subject}:${randomUUID()}`,
  subject,
  version: 1,
  correlationId: taskId,
  causationId: null,
  occurredAt: new Date().toISOString(),
  orgId,
  payload,
});

describe(AgentLoopService.name, () => {
  let bed: OrchestrationTestBed;
  let jsm: JetStreamManager;
  let app: INestApplicationContext;
  let loop: AgentLoopService;
  let tasks: TaskService;
  let orgId: string;

  const lastCommand = async (subject: string) => {
    await bed.relayed();
    return (await jsm.streams.getMessage(COMMANDS_STREAM, { last_by_subj: subject }))?.json<
      Envelope<Record<string, unknown>>
    >();
  };
  const lastEvent = async (subject: string) => {
    await bed.relayed();
    return (await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: subject }))?.json<
      Envelope<Record<string, unknown>>
    >();
  };
  const status = async (id: string) => (await tasks.get(orgId, id)).status;

  beforeAll(async () => {
    bed = await OrchestrationTestBed.start('loop');
    ({ jsm, orgId } = bed);
    app = await bed.boot();
    loop = app.get(AgentLoopService);
    tasks = app.get(TaskService);
  });

  afterAll(async () => {
    await bed?.stop();
  });

  async function startRun(spec: Partial<TaskSpecV1> = {}) {
    const view = await tasks.create(
      orgId,
      TaskSpecV1.parse({
        url: 'http://127.0.0.1:9/contact',
        goal: 'send the form',
        payload: { email: 'ada@example.com' },
        ...spec,
      }),
      randomUUID(),
    );
    expect(view.status).toBe('queued');
    expect(await lastCommand('webbyflow.cmd.browser.open_session.v1')).toMatchObject({
      correlationId: view.id,
      payload: { taskId: view.id },
    });
    await loop.onSessionOpened(
      env('webbyflow.evt.browser.session_opened.v1', view.id, orgId, {
        taskId: view.id,
        browserInstanceId: 'b1',
        url: view.url,
      }),
    );
    expect(await status(view.id)).toBe('running');
    expect(await lastCommand('webbyflow.cmd.browser.scrape_page.v1.b1')).toMatchObject({
      payload: { taskId: view.id, stepIndex: 0 },
    });
    return view.id;
  }

  const scraped = (taskId: string, stepIndex: number, refs = { tree: ref('element_tree'), shot: ref('screenshot') }) =>
    loop.onPageScraped(
      env('webbyflow.evt.browser.page_scraped.v1', taskId, orgId, {
        taskId,
        stepIndex,
        url: 'http://127.0.0.1:9/contact',
        title: 'Contact',
        elementCount: 3,
        elementTree: refs.tree,
        screenshot: refs.shot,
        html: ref('html'),
      }),
    );
  const planned = (
    taskId: string,
    stepIndex: number,
    actions: PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>['actions'],
    usage: Partial<PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>> = {},
  ) =>
    loop.onPlanGenerated(
      env('webbyflow.evt.llm.plan_generated.v1', taskId, orgId, {
        taskId,
        stepIndex,
        actions,
        reasoning: 'r',
        provider: 'openai',
        model: 'm',
        inputTokens: 10,
        outputTokens: 5,
        attempts: 1,
        ...usage,
      }),
    );
  /** The check points llm-svc at the step's page, found in the artifacts table as artifact-svc stored it. */
  const stored = async (taskId: string, kind: 'element_tree' | 'screenshot') => {
    const row = ref(kind);
    const { artifactId: id, contentType, sizeBytes, sha256 } = row;
    await app.get(DataSource).getRepository(ArtifactEntity).insert({
      id,
      orgId,
      taskId,
      stepIndex: 0,
      kind,
      contentType,
      sizeBytes,
      sha256,
      storageDriver: 'local',
      storageKey: id,
    });
    return row;
  };
  const executed = (taskId: string, stepIndex: number, actionIndex: number, success: boolean) =>
    loop.onActionExecuted(
      env('webbyflow.evt.browser.action_executed.v1', taskId, orgId, {
        taskId,
        stepIndex,
        actionIndex,
        actionType: 'input_text',
        result: {
          success,
          url: 'u',
          durationMs: 1,
          ...(success ? {} : { error: { code: 'ELEMENT_NOT_FOUND', message: 'gone' } }),
        },
      }),
    );

  it('should run scrape → plan → execute → complete and substitute payload placeholders when acting', async () => {
    const id = await startRun({
      extractionSchema: { type: 'object', required: ['n'], properties: { n: { type: 'string' } } },
    });
    await scraped(id, 0);
    expect(await lastCommand('webbyflow.cmd.llm.plan_step.v1')).toMatchObject({
      payload: { taskId: id, stepIndex: 0, title: 'Contact', history: [] },
    });
    await planned(id, 0, [
      { type: 'input_text', elementId: 'e1', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
      { type: 'complete', data: { n: 'WF-1' }, reasoning: '' },
    ]);
    expect(await lastCommand('webbyflow.cmd.browser.execute_action.v1.b1')).toMatchObject({
      payload: { actionIndex: 0, action: { text: 'ada@example.com' } },
    });
    await executed(id, 0, 0, true);
    await executed(id, 0, 0, true); // a redelivered duplicate changes nothing
    const view = await tasks.get(orgId, id);
    expect(view).toMatchObject({ status: 'completed', output: { n: 'WF-1' }, stepCount: 1 });
    expect(await lastEvent('webbyflow.evt.task.completed.v1')).toMatchObject({ correlationId: id });
    expect(await lastCommand('webbyflow.cmd.browser.close_session.v1.b1')).toMatchObject({ correlationId: id });
    const { steps } = await tasks.steps(orgId, id);
    expect(steps[0]).toMatchObject({
      status: 'completed',
      inputTokens: 10,
      actions: [{ status: 'succeeded' }, { status: 'succeeded' }],
    });
  });

  it('should re-scrape and re-plan with the reason when extracted data breaks the schema', async () => {
    const id = await startRun({ extractionSchema: { type: 'object', required: ['n'] }, maxSteps: 2 });
    await scraped(id, 0);
    await planned(id, 0, [{ type: 'complete', data: { wrong: 1 }, reasoning: '' }]);
    expect(await status(id)).toBe('running');
    expect(await lastCommand('webbyflow.cmd.browser.scrape_page.v1.b1')).toMatchObject({
      payload: { taskId: id, stepIndex: 1 },
    });
    await scraped(id, 1);
    const plan = await lastCommand('webbyflow.cmd.llm.plan_step.v1');
    expect(JSON.stringify(plan?.payload.history)).toContain('does not match the extraction schema');
    await planned(id, 1, [{ type: 'input_text', elementId: 'e9', text: 'x', pressEnter: false, reasoning: '' }]);
    await executed(id, 1, 0, false);
    expect(await tasks.get(orgId, id)).toMatchObject({
      status: 'failed',
      failureReason: 'reached max_steps (2) without completing the goal',
    });
  });

  it('should end terminated, or failed when a service gives up, with the reason', async () => {
    const a = await startRun();
    await scraped(a, 0);
    await planned(a, 0, [{ type: 'terminate', reason: 'no such form', reasoning: '' }]);
    expect(await tasks.get(orgId, a)).toMatchObject({ status: 'terminated', failureReason: 'no such form' });

    const b = await startRun();
    await loop.onServiceFailed(
      env('webbyflow.evt.llm.failed.v1', b, orgId, {
        taskId: b,
        stepIndex: 0,
        operation: 'webbyflow.cmd.llm.plan_step.v1',
        error: { name: 'LlmException', code: 'PLAN_INVALID', message: 'answer was not JSON', terminal: true },
      }),
    );
    expect(await tasks.get(orgId, b)).toMatchObject({
      status: 'failed',
      failureReason: 'llm failed with PLAN_INVALID during plan_step: answer was not JSON',
    });
  });

  it('should pass model, vision and the screenshot to the planner and sum each plan cost into the run', async () => {
    const id = await startRun({ model: 'anthropic:claude-haiku-4-5', vision: true, maxCostUsd: 0.01 });

    await scraped(id, 0);

    expect(await lastCommand('webbyflow.cmd.llm.plan_step.v1')).toMatchObject({
      payload: { taskId: id, model: 'anthropic:claude-haiku-4-5', vision: true, screenshot: { kind: 'screenshot' } },
    });
    const call = {
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      repair: false,
      httpAttempts: 2,
      httpStatuses: [429, 200],
      outcome: 'ok',
      inputTokens: 10,
      outputTokens: 5,
      cachedTokens: 4,
      costUsd: 0.006,
      durationMs: 900,
      withImage: true,
    };
    const click = { type: 'click' as const, elementId: 'e1', reasoning: '' };
    await planned(id, 0, [click], { cachedTokens: 4, costUsd: 0.006, fallback: true, calls: [call] });
    await executed(id, 0, 0, true);
    await scraped(id, 1);
    expect(await status(id)).toBe('running');

    await planned(id, 1, [click], { costUsd: 0.006 });

    expect(await status(id)).toBe('failed');
    expect((await lastCommand('webbyflow.cmd.browser.execute_action.v1.b1'))?.id).toContain(':s0:a0:');
    const usage = { inputTokens: 20, outputTokens: 10, cachedTokens: 4, costUsd: 0.012, llmCalls: 2 };
    expect(await tasks.get(orgId, id)).toMatchObject({ maxCostUsd: 0.01, model: 'anthropic:claude-haiku-4-5', usage });
    expect(await lastEvent('webbyflow.evt.task.failed.v1')).toMatchObject({
      payload: { taskId: id, error: { code: 'MAX_COST_REACHED' }, usage },
    });
    const { steps } = await tasks.steps(orgId, id);
    expect(steps[0]).toMatchObject({ costUsd: 0.006, cachedTokens: 4, fallback: true, llmCalls: [call] });
    expect(steps[1]).toMatchObject({ status: 'completed', costUsd: 0.006, actions: [] });
  });

  it('should complete only on a "yes" of the completion check, and continue with the reason on a "no"', async () => {
    const checking = await bed.boot({ ORCHESTRATOR_COMPLETION_CHECK: 'true' });
    const plain = loop;
    loop = checking.get(AgentLoopService);
    try {
      const id = await startRun({ maxSteps: 3 });
      const page = { tree: await stored(id, 'element_tree'), shot: await stored(id, 'screenshot') };
      await scraped(id, 0, page);
      await planned(id, 0, [{ type: 'complete', data: { n: 'WF-1' }, reasoning: 'the page says sent' }]);

      expect(await status(id)).toBe('running');
      expect(await lastCommand('webbyflow.cmd.llm.check_completion.v1')).toMatchObject({
        payload: {
          taskId: id,
          stepIndex: 0,
          output: { n: 'WF-1' },
          claim: 'the page says sent',
          elementTree: page.tree,
        },
      });
      const verdict = (stepIndex: number, met: boolean, reason: string) =>
        loop.onCompletionChecked(
          env('webbyflow.evt.llm.completion_checked.v1', id, orgId, {
            taskId: id,
            stepIndex,
            met,
            reason,
            provider: 'openai',
            model: 'm',
            inputTokens: 7,
            outputTokens: 3,
            cachedTokens: 0,
            costUsd: 0.001,
            fallback: false,
            calls: [],
          }),
        );
      await verdict(0, false, 'no confirmation message is shown');

      expect(await status(id)).toBe('running');
      await scraped(id, 1);
      const plan = await lastCommand('webbyflow.cmd.llm.plan_step.v1');
      expect(JSON.stringify(plan?.payload.history)).toContain('goal not met: no confirmation message is shown');
      await planned(id, 1, [{ type: 'complete', data: { n: 'WF-2' }, reasoning: '' }]);
      // Without the page in the artifacts table there is nothing to check against: the run completes.
      expect(await tasks.get(orgId, id)).toMatchObject({
        status: 'completed',
        output: { n: 'WF-2' },
        usage: { inputTokens: 27, outputTokens: 13, llmCalls: 2 },
      });
      const { steps } = await tasks.steps(orgId, id);
      expect(steps[0].actions).toEqual([
        expect.objectContaining({
          type: 'complete',
          status: 'failed',
          result: expect.objectContaining({ success: false }),
        }),
      ]);
    } finally {
      loop = plain;
    }
  });

  it('should complete the run when the completion check says the goal is met', async () => {
    const checking = await bed.boot({ ORCHESTRATOR_COMPLETION_CHECK: 'true' });
    const plain = loop;
    loop = checking.get(AgentLoopService);
    try {
      const id = await startRun();
      const tree = await stored(id, 'element_tree');
      await scraped(id, 0, { tree, shot: ref('screenshot') });
      await planned(id, 0, [{ type: 'complete', data: null, reasoning: '' }]);
      expect(await status(id)).toBe('running');

      await loop.onCompletionChecked(
        env('webbyflow.evt.llm.completion_checked.v1', id, orgId, {
          taskId: id,
          stepIndex: 0,
          met: true,
          reason: 'the confirmation is shown',
          provider: 'anthropic',
          model: 'm',
          inputTokens: 1,
          outputTokens: 1,
          cachedTokens: 0,
          costUsd: 0,
          fallback: false,
          calls: [],
        }),
      );

      expect(await tasks.get(orgId, id)).toMatchObject({ status: 'completed', output: null });
    } finally {
      loop = plain;
    }
  });

  it('should cancel a run once and time out an overdue one', async () => {
    const a = await startRun();
    expect((await tasks.cancel(orgId, a, 'user asked', randomUUID())).status).toBe('canceled');
    await expect(tasks.cancel(orgId, a, 'again', randomUUID())).rejects.toMatchObject({
      code: 'TASK_ALREADY_FINISHED',
    });
    await expect(tasks.get('00000000-0000-4000-8000-000000000000', a)).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });

    const b = await startRun();
    await app.get(DataSource).query(`UPDATE tasks SET deadline_at = now() - interval '1 second' WHERE id = $1`, [b]);
    await app.get(DeadlineSweeper).sweep();
    expect(await tasks.get(orgId, b)).toMatchObject({ status: 'timed_out' });
  });

  it('should keep each event of a run once and page through them in order', async () => {
    const id = await startRun();
    const log = app.get(EventLogService);
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();
    const events = [0, 1, 2].map((n) => ({
      ...env('webbyflow.evt.task.step_started.v1', id, orgId, { taskId: id, stepIndex: n }),
      id: `${id}:e${n}`,
      occurredAt: at(n),
    }));
    // Same instant as e2 but recorded after it, with an id that sorts first: arrival order wins.
    const tie = { ...events[2], id: `${id}:a`, payload: { taskId: id, stepIndex: 3 } };
    for (const event of [...events, events[1], tie]) await log.record(event);
    await log.record({ ...events[0], id: 'other', correlationId: randomUUID() }); // no such task: skipped
    await log.record({ ...events[0], id: 'no-run', correlationId: 'not-a-task' }); // not a run: skipped
    const first = await tasks.events(orgId, id, null, 2);
    expect(first).toMatchObject({ taskId: id, nextCursor: `${id}:e1` });
    expect(first.events.map((e) => e.id)).toEqual([`${id}:e0`, `${id}:e1`]);
    const second = await tasks.events(orgId, id, first.nextCursor, 2);
    expect(second.events.map((e) => e.id)).toEqual([`${id}:e2`, `${id}:a`]);
    expect(second.events[0]).toMatchObject({ payload: { stepIndex: 2 }, occurredAt: at(2), causationId: null });
    expect(second.nextCursor).toBeNull();
    expect((await tasks.events(orgId, id, `${id}:e2`, 5)).events.map((e) => e.id)).toEqual([`${id}:a`]);
    const stored = await app
      .get(DataSource)
      .query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM run_events WHERE id IN ('other', 'no-run') OR task_id = $1`,
        [id],
      );
    expect(stored).toEqual([{ n: 4 }]);
    await expect(tasks.events('00000000-0000-4000-8000-000000000000', id, null, 2)).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });
  });

  it('should list the org tasks newest first, by status, page by page', async () => {
    const [org] = await bed.db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO orgs (name) VALUES ('lister') RETURNING id`,
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(
        (await tasks.create(org.id, TaskSpecV1.parse({ url: 'http://127.0.0.1:9/', goal: `g${i}` }), randomUUID())).id,
      );
    }
    await tasks.cancel(org.id, ids[0], 'x', randomUUID());
    const first = await tasks.list(org.id, { status: null, after: null, limit: 2 });
    expect(first.tasks.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    const second = await tasks.list(org.id, { status: null, after: first.nextCursor, limit: 2 });
    expect(second).toMatchObject({ tasks: [{ id: ids[0], status: 'canceled' }], nextCursor: null });
    expect((await tasks.list(org.id, { status: 'canceled', after: null, limit: 10 })).tasks.map((t) => t.id)).toEqual([
      ids[0],
    ]);
    expect((await tasks.list(orgId, { status: null, after: null, limit: 200 })).tasks.map((t) => t.id)).not.toContain(
      ids[0],
    );
  });
});

import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeadlineSweeper } from '../tasks/deadline.sweeper';
import type { TaskService } from '../tasks/task.service';
import { AgentLoopService } from './agent-loop.service';
import { AgentLoopHarness } from '../testing/agent-loop.harness';

describe(AgentLoopService.name, () => {
  let h: AgentLoopHarness;
  let tasks: TaskService;
  let orgId: string;

  beforeAll(async () => {
    h = await AgentLoopHarness.start('loop');
    ({ tasks, orgId } = h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('should run scrape → plan → execute → complete and substitute payload placeholders when acting', async () => {
    const id = await h.startRun({
      extractionSchema: { type: 'object', required: ['n'], properties: { n: { type: 'string' } } },
    });
    await h.scraped(id, 0);
    expect(await h.lastCommand('webbyflow.cmd.llm.plan_step.v1')).toMatchObject({
      payload: { taskId: id, stepIndex: 0, title: 'Contact', history: [] },
    });
    await h.planned(id, 0, [
      { type: 'input_text', elementId: 'e1', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
      { type: 'complete', data: { n: 'WF-1' }, reasoning: '' },
    ]);
    expect(await h.lastCommand('webbyflow.cmd.browser.execute_action.v1.b1')).toMatchObject({
      payload: { actionIndex: 0, action: { text: 'ada@example.com' } },
    });
    await h.executed(id, 0, 0, true);
    await h.executed(id, 0, 0, true); // a redelivered duplicate changes nothing
    const view = await tasks.get(orgId, id);
    expect(view).toMatchObject({ status: 'completed', output: { n: 'WF-1' }, stepCount: 1 });
    expect(await h.lastEvent('webbyflow.evt.task.completed.v1')).toMatchObject({ correlationId: id });
    expect(await h.lastCommand('webbyflow.cmd.browser.close_session.v1.b1')).toMatchObject({ correlationId: id });
    const { steps } = await tasks.steps(orgId, id);
    expect(steps[0]).toMatchObject({
      status: 'completed',
      inputTokens: 10,
      actions: [{ status: 'succeeded' }, { status: 'succeeded' }],
    });
  });

  it('should send a plan’s browser actions in one command and wait for every result, in whatever order', async () => {
    const id = await h.startRun({ extractionSchema: { type: 'object', properties: { n: { type: 'string' } } } });
    await h.scraped(id, 0);
    await h.planned(id, 0, [
      { type: 'input_text', elementId: 'e1', text: 'x', pressEnter: false, reasoning: '' },
      { type: 'input_text', elementId: 'e2', text: '{{payload.email}}', pressEnter: false, reasoning: '' },
      { type: 'click', elementId: 'e3', reasoning: '' },
      { type: 'complete', data: { n: 'WF-2' }, reasoning: '' },
    ]);
    const sent = await h.lastCommand('webbyflow.cmd.browser.execute_action.v1.b1');
    expect(sent).toMatchObject({
      correlationId: id,
      payload: {
        actionIndex: 0,
        following: [
          { actionIndex: 1, action: { elementId: 'e2', text: 'ada@example.com' } },
          { actionIndex: 2, action: { type: 'click', elementId: 'e3' } },
        ],
      },
    });

    await h.executed(id, 0, 2, true); // a redelivery can bring a later result first
    await h.executed(id, 0, 0, true);
    expect(await h.status(id)).toBe('running');
    await h.executed(id, 0, 1, true);

    expect(await tasks.get(orgId, id)).toMatchObject({ status: 'completed', output: { n: 'WF-2' } });
    expect((await h.lastCommand('webbyflow.cmd.browser.execute_action.v1.b1'))?.id).toBe(sent?.id);
  });

  it('should skip the rest of a sent run of actions when one of them fails, and re-scrape', async () => {
    const id = await h.startRun({ maxSteps: 3 });
    await h.scraped(id, 0);
    await h.planned(id, 0, [
      { type: 'click', elementId: 'e1', reasoning: '' },
      { type: 'click', elementId: 'e2', reasoning: '' },
      { type: 'click', elementId: 'e3', reasoning: '' },
    ]);

    await h.executed(id, 0, 0, true);
    await h.executed(id, 0, 1, false);

    expect(await h.lastCommand('webbyflow.cmd.browser.scrape_page.v1.b1')).toMatchObject({
      payload: { taskId: id, stepIndex: 1 },
    });
    const { steps } = await tasks.steps(orgId, id);
    expect(steps[0].actions.map((a) => a.status)).toEqual(['succeeded', 'failed', 'skipped']);
  });

  it('should re-scrape and re-plan with the reason when extracted data breaks the schema', async () => {
    const id = await h.startRun({ extractionSchema: { type: 'object', required: ['n'] }, maxSteps: 2 });
    await h.scraped(id, 0);
    await h.planned(id, 0, [{ type: 'complete', data: { wrong: 1 }, reasoning: '' }]);
    expect(await h.status(id)).toBe('running');
    expect(await h.lastCommand('webbyflow.cmd.browser.scrape_page.v1.b1')).toMatchObject({
      payload: { taskId: id, stepIndex: 1 },
    });
    await h.scraped(id, 1);
    const plan = await h.lastCommand('webbyflow.cmd.llm.plan_step.v1');
    expect(JSON.stringify(plan?.payload.history)).toContain('does not match the extraction schema');
    await h.planned(id, 1, [{ type: 'input_text', elementId: 'e9', text: 'x', pressEnter: false, reasoning: '' }]);
    await h.executed(id, 1, 0, false);
    expect(await tasks.get(orgId, id)).toMatchObject({
      status: 'failed',
      failureReason: 'reached max_steps (2) without completing the goal',
    });
  });

  // A service that gives up is the recovery coordinator's to handle (recovery.int-spec.ts).
  it('should end terminated with the planner’s reason', async () => {
    const id = await h.startRun();
    await h.scraped(id, 0);
    await h.planned(id, 0, [{ type: 'terminate', reason: 'no such form', reasoning: '' }]);
    expect(await tasks.get(orgId, id)).toMatchObject({ status: 'terminated', failureReason: 'no such form' });
  });

  it('should pass model, vision and the screenshot to the planner and sum each plan cost into the run', async () => {
    const id = await h.startRun({ model: 'anthropic:claude-haiku-4-5', vision: true, maxCostUsd: 0.01 });

    await h.scraped(id, 0);

    expect(await h.lastCommand('webbyflow.cmd.llm.plan_step.v1')).toMatchObject({
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
    await h.planned(id, 0, [click], { cachedTokens: 4, costUsd: 0.006, fallback: true, calls: [call] });
    await h.executed(id, 0, 0, true);
    await h.scraped(id, 1);
    expect(await h.status(id)).toBe('running');

    await h.planned(id, 1, [click], { costUsd: 0.006 });

    expect(await h.status(id)).toBe('failed');
    expect((await h.lastCommand('webbyflow.cmd.browser.execute_action.v1.b1'))?.id).toContain(':s0:a0:');
    const usage = { inputTokens: 20, outputTokens: 10, cachedTokens: 4, costUsd: 0.012, llmCalls: 2 };
    expect(await tasks.get(orgId, id)).toMatchObject({ maxCostUsd: 0.01, model: 'anthropic:claude-haiku-4-5', usage });
    expect(await h.lastEvent('webbyflow.evt.task.failed.v1')).toMatchObject({
      payload: { taskId: id, error: { code: 'MAX_COST_REACHED' }, usage },
    });
    const { steps } = await tasks.steps(orgId, id);
    expect(steps[0]).toMatchObject({ costUsd: 0.006, cachedTokens: 4, fallback: true, llmCalls: [call] });
    expect(steps[1]).toMatchObject({ status: 'completed', costUsd: 0.006, actions: [] });
  });

  it('should cancel a run once and time out an overdue one', async () => {
    const a = await h.startRun();
    expect((await tasks.cancel(orgId, a, 'user asked', randomUUID())).status).toBe('canceled');
    await expect(tasks.cancel(orgId, a, 'again', randomUUID())).rejects.toMatchObject({
      code: 'TASK_ALREADY_FINISHED',
    });
    await expect(tasks.get('00000000-0000-4000-8000-000000000000', a)).rejects.toMatchObject({
      code: 'TASK_NOT_FOUND',
    });

    const b = await h.startRun();
    await h.app.get(DataSource).query(`UPDATE tasks SET deadline_at = now() - interval '1 second' WHERE id = $1`, [b]);
    await h.app.get(DeadlineSweeper).sweep();
    expect(await tasks.get(orgId, b)).toMatchObject({ status: 'timed_out' });
  });
});

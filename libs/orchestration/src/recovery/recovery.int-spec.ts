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
import { AgentLoopService } from '../loop/agent-loop.service';
import { TaskService } from '../tasks/task.service';
import { RecoveryCoordinator } from './recovery.coordinator';
import { artifactRef } from '../testing/agent-loop.harness';
import { OrchestrationTestBed } from '../testing/orchestration.test-bed';

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: 0, llmCalls: 0 };

describe(RecoveryCoordinator.name, () => {
  let bed: OrchestrationTestBed;
  let jsm: JetStreamManager;
  let app: INestApplicationContext;
  let loop: AgentLoopService;
  let recovery: RecoveryCoordinator;
  let tasks: TaskService;
  let orgId: string;

  const env = <S extends Subject>(
    subject: S,
    taskId: string,
    payload: PayloadOf<S>,
    id = `${subject}:${randomUUID()}`,
    causationId: string | null = null,
  ): Envelope<PayloadOf<S>> => ({
    id,
    subject,
    version: 1,
    correlationId: taskId,
    causationId,
    occurredAt: new Date().toISOString(),
    orgId,
    payload,
  });
  const last = async (stream: string, subject: string) => {
    await bed.relayed();
    return (await jsm.streams.getMessage(stream, { last_by_subj: subject }))?.json<Envelope<Record<string, unknown>>>();
  };
  const eventsOf = async (taskId: string, subject: string) => {
    await bed.relayed();
    const found: Envelope[] = [];
    const info = await jsm.streams.info(EVENTS_STREAM);
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(EVENTS_STREAM, { seq }).catch(() => null);
      const e = m?.json<Envelope>();
      if (e && e.correlationId === taskId && e.subject === subject) found.push(e);
    }
    return found;
  };

  beforeAll(async () => {
    bed = await OrchestrationTestBed.start('recovery');
    ({ jsm, orgId } = bed);
    // The org's own rule for TARGET_CLOSED (more attempts than the default), for a task's rule to beat.
    const orgRules = [{ component: 'browser', code: 'TARGET_CLOSED', strategy: 'new_session', maxAttempts: 5 }];
    app = await bed.boot({ RECOVERY_ORG_RULES: JSON.stringify({ [orgId]: orgRules }) });
    loop = app.get(AgentLoopService);
    recovery = app.get(RecoveryCoordinator);
    tasks = app.get(TaskService);
  });

  afterAll(async () => {
    await bed?.stop();
  });

  /** A running run in step 0, planned, its first action sent to browser-svc instance b1. */
  async function runInFirstStep(recoveryRules?: unknown[]): Promise<string> {
    const view = await tasks.create(
      orgId,
      TaskSpecV1.parse({ url: 'http://127.0.0.1:9/contact', goal: 'send the form', recoveryRules }),
      randomUUID(),
    );
    const taskId = view.id;
    await loop.onSessionOpened(
      env('webbyflow.evt.browser.session_opened.v1', taskId, { taskId, browserInstanceId: 'b1', url: view.url }),
    );
    await scraped(taskId, 0, 'http://127.0.0.1:9/contact/step');
    await planned(taskId, 0);
    return taskId;
  }
  const scraped = (taskId: string, stepIndex: number, url: string) =>
    loop.onPageScraped(
      env('webbyflow.evt.browser.page_scraped.v1', taskId, {
        taskId,
        stepIndex,
        url,
        title: 'Contact',
        elementCount: 3,
        elementTree: artifactRef('element_tree'),
        screenshot: artifactRef('screenshot'),
        html: artifactRef('html'),
      }),
    );
  const CLICK = { type: 'click' as const, elementId: 'e1', reasoning: '' };
  const planned = async (taskId: string, stepIndex: number, actions = [CLICK]) => {
    const message = env('webbyflow.evt.llm.plan_generated.v1', taskId, {
      taskId,
      stepIndex,
      actions,
      reasoning: 'r',
      provider: 'openai',
      model: 'm',
      inputTokens: 10,
      outputTokens: 5,
      attempts: 1,
    });
    await loop.onPlanGenerated(message);
    await recovery.onPlanGenerated(message);
  };
  const failed = (
    taskId: string,
    subject: 'webbyflow.evt.browser.failed.v1' | 'webbyflow.evt.llm.failed.v1',
    operation: string,
    code: string,
    stepIndex: number | null,
    id?: string,
  ) =>
    env(
      subject,
      taskId,
      { taskId, stepIndex, operation, error: { name: 'X', code, message: `${code} happened`, terminal: true } },
      id,
    );

  it('should open a new session at the step URL after SESSION_LOST, then re-scrape in the next step and report it', async () => {
    const taskId = await runInFirstStep();
    const lost = failed(
      taskId,
      'webbyflow.evt.browser.failed.v1',
      'webbyflow.cmd.browser.open_session.v1',
      'SESSION_LOST',
      null,
      `${taskId}:session_lost:b1`,
    );
    lost.causationId = `${taskId}:open_session`;
    await recovery.onServiceFailed(lost);
    await recovery.onServiceFailed(lost); // a redelivery decides nothing new

    const open = await last(COMMANDS_STREAM, 'webbyflow.cmd.browser.open_session.v1');
    expect(open).toMatchObject({
      id: `${taskId}:recovery:r1:open_session`,
      payload: { taskId, url: 'http://127.0.0.1:9/contact/step', reopen: 'r1' },
    });
    expect(await eventsOf(taskId, 'webbyflow.evt.orchestrator.recovery_attempted.v1')).toMatchObject([
      {
        payload: {
          taskId,
          stepIndex: 0,
          component: 'browser',
          code: 'SESSION_LOST',
          strategy: 'new_session',
          attempt: 1,
          maxAttempts: 3,
        },
      },
    ]);

    const opened = env(
      'webbyflow.evt.browser.session_opened.v1',
      taskId,
      { taskId, browserInstanceId: 'b2', url: 'http://127.0.0.1:9/contact/step' },
      `${taskId}:r1:session_opened`,
      `${taskId}:recovery:r1:open_session`,
    );
    expect(await recovery.onSessionOpened(opened)).toBe(true);
    expect(await last(COMMANDS_STREAM, 'webbyflow.cmd.browser.scrape_page.v1.b2')).toMatchObject({
      payload: { taskId, stepIndex: 1 },
    });
    await scraped(taskId, 1, 'http://127.0.0.1:9/contact/step');
    await planned(taskId, 1);
    expect(await eventsOf(taskId, 'webbyflow.evt.orchestrator.recovery_succeeded.v1')).toHaveLength(1);

    const { steps } = await tasks.steps(orgId, taskId);
    expect(steps.map((s) => s.status)).toEqual(['failed', 'acting']);
    expect(steps[0]?.actions[0]).toMatchObject({ status: 'failed' });
    expect(steps[0]?.recovery).toMatchObject([{ strategy: 'new_session', status: 'succeeded', attempt: 1 }]);
    expect((await tasks.get(orgId, taskId)).status).toBe('running');
  });

  it('should mark only the first unanswered action of a sent run as maybe done when the session is lost', async () => {
    const taskId = (
      await tasks.create(
        orgId,
        TaskSpecV1.parse({ url: 'http://127.0.0.1:9/contact', goal: 'three clicks' }),
        randomUUID(),
      )
    ).id;
    await loop.onSessionOpened(
      env('webbyflow.evt.browser.session_opened.v1', taskId, { taskId: taskId, browserInstanceId: 'b1', url: 'u' }),
    );
    await scraped(taskId, 0, 'http://127.0.0.1:9/contact');
    await planned(taskId, 0, [CLICK, { ...CLICK, elementId: 'e2' }, { ...CLICK, elementId: 'e3' }]);
    await loop.onActionExecuted(
      env('webbyflow.evt.browser.action_executed.v1', taskId, {
        taskId: taskId,
        stepIndex: 0,
        actionIndex: 0,
        actionType: 'click',
        result: { success: true, url: 'u', durationMs: 5 },
      }),
    );

    await recovery.onServiceFailed(
      failed(taskId, 'webbyflow.evt.browser.failed.v1', 'webbyflow.cmd.browser.execute_action.v1', 'SESSION_LOST', 0),
    );

    const { steps } = await tasks.steps(orgId, taskId);
    // the second may have run when the session went; the third, sent with it, never started
    expect(steps[0]?.actions.map((a) => a.status)).toEqual(['succeeded', 'failed', 'skipped']);
  });

  it('should fail the run naming component, code and what was tried once attempts are used up', async () => {
    const taskId = await runInFirstStep();
    const plan = 'webbyflow.cmd.llm.plan_step.v1';
    // PLAN_INVALID: one re-plan on a fresh scrape (step 1), then the run fails.
    await recovery.onServiceFailed(failed(taskId, 'webbyflow.evt.llm.failed.v1', plan, 'PLAN_INVALID', 0));
    expect(await last(COMMANDS_STREAM, 'webbyflow.cmd.browser.scrape_page.v1.b1')).toMatchObject({
      payload: { taskId, stepIndex: 1 },
    });
    await scraped(taskId, 1, 'http://127.0.0.1:9/contact/step');
    await recovery.onServiceFailed(failed(taskId, 'webbyflow.evt.llm.failed.v1', plan, 'PLAN_INVALID', 1));

    expect(await tasks.get(orgId, taskId)).toMatchObject({
      status: 'failed',
      failureReason:
        'llm failed with PLAN_INVALID during plan_step: PLAN_INVALID happened; ' +
        'recovery exhausted (1 attempt(s) used up): tried rescrape_replan ×1',
    });
    expect(await eventsOf(taskId, 'webbyflow.evt.orchestrator.recovery_exhausted.v1')).toMatchObject([
      { payload: { component: 'llm', code: 'PLAN_INVALID', strategy: 'rescrape_replan', attempt: 1, maxAttempts: 1 } },
    ]);
    expect(await last(EVENTS_STREAM, 'webbyflow.evt.task.failed.v1')).toMatchObject({
      payload: { taskId, error: { code: 'PLAN_INVALID' } },
    });
  });

  it('should fail at once with the reason on a code that has no recovery', async () => {
    const taskId = await runInFirstStep();
    await recovery.onServiceFailed(
      failed(taskId, 'webbyflow.evt.llm.failed.v1', 'webbyflow.cmd.llm.plan_step.v1', 'PROVIDER_AUTH', 0),
    );
    expect(await tasks.get(orgId, taskId)).toMatchObject({
      status: 'failed',
      failureReason: 'llm failed with PROVIDER_AUTH during plan_step: PROVIDER_AUTH happened',
    });
  });

  it('should count the model calls of a plan that failed in its step and the run, once', async () => {
    const taskId = await runInFirstStep();
    const call = (repair: boolean) => ({
      provider: 'openai',
      model: 'gpt-4o-mini',
      repair,
      httpAttempts: 1,
      httpStatuses: [200],
      outcome: 'invalid',
      inputTokens: 1_000,
      outputTokens: 40,
      cachedTokens: 0,
      costUsd: 0.0002,
      durationMs: 700,
      withImage: false,
    });
    const message = env('webbyflow.evt.llm.failed.v1', taskId, {
      ...failed(taskId, 'webbyflow.evt.llm.failed.v1', 'webbyflow.cmd.llm.plan_step.v1', 'PLAN_INVALID', 0).payload,
      calls: [call(false), call(true)],
    });

    const { usage: before = NO_USAGE } = await tasks.get(orgId, taskId); // the first plan's call is counted already
    const [stepBefore] = (await tasks.steps(orgId, taskId)).steps;

    await recovery.onServiceFailed(message);
    await recovery.onServiceFailed(message); // a redelivery counts nothing again

    const { usage } = await tasks.get(orgId, taskId);
    expect(usage).toEqual({
      inputTokens: before.inputTokens + 2_000,
      outputTokens: before.outputTokens + 80,
      cachedTokens: 0,
      costUsd: before.costUsd + 0.0004,
      llmCalls: before.llmCalls + 2,
    });
    const [first] = (await tasks.steps(orgId, taskId)).steps;
    expect(first?.inputTokens).toBe((stepBefore?.inputTokens ?? 0) + 2_000);
    expect(first?.llmCalls?.slice(-2).map((c) => c.repair)).toEqual([false, true]);
  });

  describe('with the task’s own recovery rules', () => {
    const sessionFailure = (taskId: string, code: string) => {
      const message = failed(
        taskId,
        'webbyflow.evt.browser.failed.v1',
        'webbyflow.cmd.browser.open_session.v1',
        code,
        null,
        `${taskId}:${code}:b1`,
      );
      message.causationId = `${taskId}:open_session`;
      return message;
    };

    it('should fail at the first TARGET_CLOSED when the task says fail, where the org’s rule would recover', async () => {
      const ruled = await runInFirstStep([{ component: 'browser', code: 'TARGET_CLOSED', strategy: 'fail' }]);
      const plain = await runInFirstStep();
      expect((await tasks.get(orgId, ruled)).recoveryRules).toEqual([
        {
          component: 'browser',
          code: 'TARGET_CLOSED',
          strategy: 'fail',
          maxAttempts: 3,
          baseMs: 0,
          maxMs: 30_000,
          withinMs: 300_000,
        },
      ]);

      await recovery.onServiceFailed(sessionFailure(ruled, 'TARGET_CLOSED'));
      await recovery.onServiceFailed(sessionFailure(plain, 'TARGET_CLOSED'));

      expect(await tasks.get(orgId, ruled)).toMatchObject({
        status: 'failed',
        failureReason: 'browser failed with TARGET_CLOSED during open_session: TARGET_CLOSED happened',
      });
      expect(await eventsOf(ruled, 'webbyflow.evt.orchestrator.recovery_exhausted.v1')).toMatchObject([
        { payload: { code: 'TARGET_CLOSED', strategy: 'fail', attempt: 0 } },
      ]);
      // The same failure of a task without rules follows the org's rule (5 attempts, not the default's 3).
      expect((await tasks.get(orgId, plain)).status).toBe('running');
      expect(await eventsOf(plain, 'webbyflow.evt.orchestrator.recovery_attempted.v1')).toMatchObject([
        { payload: { code: 'TARGET_CLOSED', strategy: 'new_session', attempt: 1, maxAttempts: 5 } },
      ]);
    });

    it('should re-plan a second PLAN_INVALID when the task allows two attempts where the default allows one', async () => {
      const taskId = await runInFirstStep([
        { component: 'llm', code: 'PLAN_INVALID', strategy: 'rescrape_replan', maxAttempts: 2 },
      ]);
      const plan = 'webbyflow.cmd.llm.plan_step.v1';
      await recovery.onServiceFailed(failed(taskId, 'webbyflow.evt.llm.failed.v1', plan, 'PLAN_INVALID', 0));
      await scraped(taskId, 1, 'http://127.0.0.1:9/contact/step');
      await recovery.onServiceFailed(failed(taskId, 'webbyflow.evt.llm.failed.v1', plan, 'PLAN_INVALID', 1));

      expect(await last(COMMANDS_STREAM, 'webbyflow.cmd.browser.scrape_page.v1.b1')).toMatchObject({
        payload: { taskId, stepIndex: 2 },
      });
      expect((await tasks.get(orgId, taskId)).status).toBe('running');
      expect(await eventsOf(taskId, 'webbyflow.evt.orchestrator.recovery_attempted.v1')).toMatchObject([
        { payload: { code: 'PLAN_INVALID', attempt: 1, maxAttempts: 2 } },
        { payload: { code: 'PLAN_INVALID', attempt: 2, maxAttempts: 2 } },
      ]);
    });

    it('should decide a lost owner by the task’s rule when its browser-svc stops beating', async () => {
      const taskId = await runInFirstStep([
        { component: 'browser', code: 'SESSION_LOST', strategy: 'fail', maxAttempts: 0 },
      ]);
      await recovery.onOwnerLost(taskId, 'b1', 'browser-svc b1 stopped its heartbeat');
      expect(await tasks.get(orgId, taskId)).toMatchObject({
        status: 'failed',
        failureReason: 'browser failed with SESSION_LOST during open_session: browser-svc b1 stopped its heartbeat',
      });
    });
  });
});

import { Inject, Injectable } from '@nestjs/common';
import {
  ActionV1,
  type BrowserActionV1,
  type Envelope,
  type HistoryEntryV1,
  isBrowserAction,
  MAX_ACTIONS_PER_COMMAND,
  type PayloadOf,
} from '@webbyflow/contracts';
import { ActionEntity, isTerminalTaskStatus, StepEntity, TaskEntity } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import { CompletionCheckRequester } from './completion-check.requester';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { OutputValidator } from './output-validator';
import { maxCostReached, recordCheckUsage, recordPlanUsage } from './run-accounting';
import type { RunContext } from './run-context';
import { RunFinisher } from './run-finisher';
import { RunPublisher } from './run-publisher';
import { PlanCacheRun } from '../plan-cache/plan-cache.run';

/**
 * The agent loop as a persisted state machine: scrape → plan → execute … → complete / terminate /
 * max steps. Every event is applied in one transaction holding the run's row lock; an event that
 * does not match the run's current state (a duplicate, or one for an older step) changes nothing.
 */
@Injectable()
export class AgentLoopService {
  private readonly validator = new OutputValidator();

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: RunPublisher,
    private readonly finisher: RunFinisher,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
    private readonly completionCheck: CompletionCheckRequester,
    private readonly planCache: PlanCacheRun,
  ) {}

  /** Runs `work` on the locked run; skips terminal runs unless `includeTerminal`. */
  async withRun(
    taskId: string,
    causationId: string | null,
    work: (ctx: RunContext, task: TaskEntity) => Promise<void>,
    includeTerminal = false,
  ): Promise<void> {
    const afterCommit: RunContext['afterCommit'] = [];
    await this.dataSource.transaction(async (em) => {
      const task = await em.findOne(TaskEntity, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
      if (!task || (!includeTerminal && isTerminalTaskStatus(task.status))) return;
      await work({ em, causationId, afterCommit }, task);
    });
    for (const effect of afterCommit) await effect();
  }

  async onSessionOpened(message: Envelope<PayloadOf<'webbyflow.evt.browser.session_opened.v1'>>): Promise<void> {
    const { taskId, browserInstanceId } = message.payload;
    await this.withRun(
      taskId,
      message.id,
      async (ctx, task) => {
        if (isTerminalTaskStatus(task.status)) {
          // The run ended (e.g. canceled) before its browser came up: release the session.
          await this.publisher.closeSession(ctx.em, { ...task, browserInstanceId }, task.status, message.id);
          return;
        }
        if (task.status !== 'queued') return;
        task.status = 'running';
        task.browserInstanceId = browserInstanceId;
        task.startedAt = new Date();
        await ctx.em.save(task);
        await this.publisher.taskEvent(
          ctx.em,
          task,
          'webbyflow.evt.task.started.v1',
          { taskId, browserInstanceId },
          'started',
          message.id,
        );
        await this.startStep(ctx, task, 0);
      },
      true,
    );
  }

  async onPageScraped(message: Envelope<PayloadOf<'webbyflow.evt.browser.page_scraped.v1'>>): Promise<void> {
    const event = message.payload;
    await this.withRun(event.taskId, message.id, async (ctx, task) => {
      const step = await this.currentStep(ctx, task, event.stepIndex, 'scraping');
      if (!step) return;
      Object.assign(step, {
        status: 'planning',
        url: event.url,
        title: event.title,
        elementTreeArtifactId: event.elementTree.artifactId,
        screenshotArtifactId: event.screenshot.artifactId,
        htmlArtifactId: event.html.artifactId,
      });
      await ctx.em.save(step);
      const cached = await this.planCache.stepFor(ctx, task, step.index);
      if (cached.kind === 'fail') {
        step.cacheMiss = cached.reason;
        await this.endStep(ctx, task, step, 'failed', false);
        return this.finisher.finish(ctx, task, {
          status: 'failed',
          code: 'CACHE_MISS',
          reason: `the task asked for planner "cache_only" and step ${step.index} cannot be replayed: ${cached.reason}`,
        });
      }
      await ctx.em.save(task);
      const history = await this.history(ctx, task.id);
      await this.publisher.plan(
        ctx.em,
        task,
        step,
        { tree: event.elementTree, screenshot: event.screenshot },
        history,
        message.id,
        cached.kind === 'replay' ? cached.cache : undefined,
      );
    });
  }

  async onPlanGenerated(message: Envelope<PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>>): Promise<void> {
    const plan = message.payload;
    await this.withRun(plan.taskId, message.id, async (ctx, task) => {
      const step = await this.currentStep(ctx, task, plan.stepIndex, 'planning');
      if (!step) return;
      Object.assign(step, {
        status: 'acting',
        reasoning: plan.reasoning,
        provider: plan.provider,
        model: plan.model,
        planner: plan.planner ?? 'llm',
        plannerConfidence: plan.confidence ?? null,
        inputTokens: plan.inputTokens,
        outputTokens: plan.outputTokens,
      });
      recordPlanUsage(task, step, plan);
      await this.planCache.onPlanned(ctx, task, step, plan);
      await ctx.em.save(step);
      await ctx.em.save(task);
      const overBudget = maxCostReached(task);
      if (overBudget) {
        // The plan is paid for but not run: no action of it reaches the browser.
        await this.endStep(ctx, task, step, 'completed', false);
        return this.finisher.finish(ctx, task, { status: 'failed', code: 'MAX_COST_REACHED', reason: overBudget });
      }
      const rows = plan.actions.map((action, index) =>
        ctx.em.create(ActionEntity, {
          stepId: step.id,
          taskId: task.id,
          index,
          type: action.type,
          elementId: 'elementId' in action ? (action.elementId ?? null) : null,
          input: action as unknown as Record<string, unknown>,
          reasoning: action.reasoning,
          status: 'pending',
        }),
      );
      await ctx.em.save(rows);
      await this.advance(ctx, task, step, rows, 0);
    });
  }

  async onActionExecuted(message: Envelope<PayloadOf<'webbyflow.evt.browser.action_executed.v1'>>): Promise<void> {
    const event = message.payload;
    await this.withRun(event.taskId, message.id, async (ctx, task) => {
      const step = await this.currentStep(ctx, task, event.stepIndex, 'acting');
      if (!step) return;
      const rows = await ctx.em.find(ActionEntity, { where: { stepId: step.id }, order: { index: 'ASC' } });
      const row = rows[event.actionIndex];
      if (!row || row.status !== 'pending') return;
      const finishedAt = new Date();
      Object.assign(row, {
        status: event.result.success ? 'succeeded' : 'failed',
        result: event.result,
        errorCode: event.result.error?.code ?? null,
        errorMessage: event.result.error?.message ?? null,
        // when it started on the page: an action sent with earlier ones waited for them in browser-svc
        startedAt: new Date(Math.max(row.startedAt?.getTime() ?? 0, finishedAt.getTime() - event.result.durationMs)),
        finishedAt,
      });
      await ctx.em.save(row);
      if (!event.result.success) {
        // The page may have changed under the plan: skip the rest, re-scrape and re-plan.
        this.planCache.onReplayFailed(task, step);
        await ctx.em.save(task);
        await this.skipRest(ctx, rows, event.actionIndex + 1);
        await this.endStep(ctx, task, step, 'completed');
        return;
      }
      // From the first action without a result: results of one command come in order, but a redelivery need not.
      const next = rows.findIndex((r) => r.status === 'pending');
      await this.advance(ctx, task, step, rows, next === -1 ? rows.length : next);
    });
  }

  /** The completion check answered: a "yes" completes the run, a "no" continues it with the reason in history. */
  async onCompletionChecked(message: Envelope<PayloadOf<'webbyflow.evt.llm.completion_checked.v1'>>): Promise<void> {
    const verdict = message.payload;
    await this.withRun(verdict.taskId, message.id, async (ctx, task) => {
      const step = await this.currentStep(ctx, task, verdict.stepIndex, 'acting');
      if (!step) return;
      const rows = await ctx.em.find(ActionEntity, { where: { stepId: step.id }, order: { index: 'ASC' } });
      const row = rows.find((r) => r.status === 'pending' && r.type === 'complete');
      if (!row) return;
      recordCheckUsage(task, step, verdict);
      await ctx.em.save(task);
      const action = ActionV1.parse(row.input);
      if (verdict.met && action.type === 'complete') {
        await this.settle(ctx, row, 'succeeded', null);
        await this.endStep(ctx, task, step, 'completed', false);
        return this.finisher.finish(ctx, task, { status: 'completed', output: action.data ?? null });
      }
      await this.settle(
        ctx,
        row,
        'failed',
        `the completion check found the goal not met: ${verdict.reason}`,
        'GOAL_NOT_MET',
      );
      await this.skipRest(ctx, rows, row.index + 1);
      const overBudget = maxCostReached(task);
      if (!overBudget) return this.endStep(ctx, task, step, 'completed');
      await this.endStep(ctx, task, step, 'completed', false);
      return this.finisher.finish(ctx, task, { status: 'failed', code: 'MAX_COST_REACHED', reason: overBudget });
    });
  }

  /**
   * Ends `step` and goes on in a fresh step (scrape, then plan) on the run's current session, or fails the run
   * when max_steps is used up: how the recovery coordinator re-scrapes and re-plans.
   */
  continueAfter(ctx: RunContext, task: TaskEntity, step: StepEntity, treeTokenBudget?: number): Promise<void> {
    return this.endStep(ctx, task, step, 'failed', true, treeTokenBudget);
  }

  /** Runs the actions of a step from `from` on, until one goes to the browser or the run ends. */
  private async advance(
    ctx: RunContext,
    task: TaskEntity,
    step: StepEntity,
    rows: ActionEntity[],
    from: number,
  ): Promise<void> {
    const row = rows[from];
    if (!row) return this.endStep(ctx, task, step, 'completed');
    const action = ActionV1.parse(row.input);
    if (isBrowserAction(action)) {
      // Sent with an earlier action of this plan: its own result is on the way.
      if (row.startedAt) return;
      const batch = this.browserRun(rows, from);
      const sentAt = new Date();
      for (const { row: sent } of batch) sent.startedAt = sentAt;
      await ctx.em.save(batch.map((b) => b.row));
      return this.publisher.execute(ctx.em, task, step.index, batch, ctx.causationId ?? task.id);
    }
    if (action.type === 'terminate') {
      await this.settle(ctx, row, 'succeeded', null);
      await this.endStep(ctx, task, step, 'completed', false);
      return this.finisher.finish(ctx, task, { status: 'terminated', reason: action.reason });
    }
    const check = this.validator.check(task.extractionSchema, action.data);
    if (check.ok && this.completionCheck.wanted(step)) {
      const claim = { output: action.data ?? null, reasoning: action.reasoning || step.reasoning || '' };
      // The row stays pending until the verdict comes back (onCompletionChecked).
      const sent = await this.completionCheck.request(ctx, task, step, await this.history(ctx, task.id), claim);
      if (sent) return;
    }
    if (check.ok) {
      await this.settle(ctx, row, 'succeeded', null);
      await this.endStep(ctx, task, step, 'completed', false);
      return this.finisher.finish(ctx, task, { status: 'completed', output: action.data ?? null });
    }
    // Output that breaks the user's schema never completes a run; the planner sees why and tries again.
    await this.settle(ctx, row, 'failed', `extracted data does not match the extraction schema: ${check.problems}`);
    await this.skipRest(ctx, rows, from + 1);
    return this.endStep(ctx, task, step, 'completed');
  }

  /**
   * The browser actions of the plan from `from` up to the next decision (complete, terminate) or the end: one
   * command carries them all, and browser-svc stops at the first that fails, as this loop would.
   */
  private browserRun(rows: ActionEntity[], from: number) {
    const batch: { row: ActionEntity; actionIndex: number; action: BrowserActionV1 }[] = [];
    for (const row of rows.slice(from, from + MAX_ACTIONS_PER_COMMAND)) {
      const action = ActionV1.parse(row.input);
      if (row.status !== 'pending' || row.startedAt || !isBrowserAction(action)) break;
      batch.push({ row, actionIndex: row.index, action });
    }
    return batch;
  }

  private async settle(
    ctx: RunContext,
    row: ActionEntity,
    status: 'succeeded' | 'failed',
    error: string | null,
    code = 'OUTPUT_INVALID',
  ) {
    Object.assign(row, {
      status,
      errorCode: error ? code : null,
      errorMessage: error,
      finishedAt: new Date(),
      result: { success: !error, ...(error ? { error: { code, message: error } } : {}) },
    });
    await ctx.em.save(row);
  }

  private async skipRest(ctx: RunContext, rows: ActionEntity[], from: number) {
    const rest = rows.slice(from).filter((r) => r.status === 'pending');
    for (const r of rest) r.status = 'skipped';
    if (rest.length > 0) await ctx.em.save(rest);
  }

  /** Closes the step; by default starts the next one, or fails the run when max_steps is used up. */
  private async endStep(
    ctx: RunContext,
    task: TaskEntity,
    step: StepEntity,
    status: 'completed' | 'failed',
    next = true,
    treeTokenBudget?: number,
  ): Promise<void> {
    step.status = status;
    await ctx.em.save(step);
    if (!next) return;
    if (task.stepCount >= task.maxSteps) {
      return this.finisher.finish(ctx, task, {
        status: 'failed',
        code: 'MAX_STEPS_REACHED',
        reason: `reached max_steps (${task.maxSteps}) without completing the goal`,
      });
    }
    return this.startStep(ctx, task, step.index + 1, treeTokenBudget);
  }

  private async startStep(ctx: RunContext, task: TaskEntity, index: number, treeTokenBudget?: number): Promise<void> {
    await ctx.em.save(ctx.em.create(StepEntity, { taskId: task.id, index, status: 'scraping' }));
    task.currentStepIndex = index;
    task.stepCount = index + 1;
    await ctx.em.save(task);
    await this.publisher.taskEvent(
      ctx.em,
      task,
      'webbyflow.evt.task.step_started.v1',
      { taskId: task.id, stepIndex: index },
      `s${index}:step_started`,
      ctx.causationId,
    );
    await this.publisher.scrape(ctx.em, task, index, ctx.causationId ?? task.id, treeTokenBudget);
  }

  private async currentStep(
    ctx: RunContext,
    task: TaskEntity,
    index: number,
    status: StepEntity['status'],
  ): Promise<StepEntity | null> {
    if (task.status !== 'running' || task.currentStepIndex !== index) return null;
    const step = await ctx.em.findOne(StepEntity, { where: { taskId: task.id, index } });
    return step?.status === status ? step : null;
  }

  private async history(ctx: RunContext, taskId: string): Promise<HistoryEntryV1[]> {
    const rows = await ctx.em.find(ActionEntity, {
      where: { taskId },
      order: { finishedAt: 'DESC' },
      take: this.config.ORCHESTRATOR_HISTORY_LIMIT,
    });
    const steps = new Map((await ctx.em.find(StepEntity, { where: { taskId } })).map((s) => [s.id, s.index]));
    return rows
      .filter((r) => r.status === 'succeeded' || r.status === 'failed')
      .reverse()
      .map((r) => ({
        stepIndex: steps.get(r.stepId) ?? 0,
        action: ActionV1.parse(r.input),
        result: { success: r.status === 'succeeded', ...(r.errorMessage ? { error: r.errorMessage } : {}) },
      }));
  }
}

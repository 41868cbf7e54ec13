import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Envelope, ErrorInfoV1, LlmCallV1, PayloadOf, RecoveryRuleV1 } from '@webbyflow/contracts';
import { ActionEntity, RecoveryAttemptEntity, StepEntity, TaskEntity } from '@webbyflow/persistence';
import { DataSource, In, LessThan } from 'typeorm';
import { AgentLoopService } from '../loop/agent-loop.service';
import type { RunContext } from '../loop/run-context';
import { recordFailedCalls } from '../loop/run-accounting';
import { RunFinisher } from '../loop/run-finisher';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import { DEFAULT_RECOVERY_RULES, findRecoveryRule, judgeAttempt } from './recovery-policy';
import { RecoveryPublisher } from './recovery.publisher';

type FailedEvent = Envelope<PayloadOf<'webbyflow.evt.browser.failed.v1'>>;
/** What picks a task's rule: its own rules and its org. */
type RuleSource = Pick<TaskEntity, 'orgId' | 'recoveryRules'>;
const OPEN_SESSION = 'webbyflow.cmd.browser.open_session.v1';
const SCRAPE_PAGE = 'webbyflow.cmd.browser.scrape_page.v1';
const DEFAULT_TREE_BUDGET = 10_000;
const MIN_TREE_BUDGET = 500;

interface Failure {
  id: string;
  causationId: string | null;
  component: string;
  stepIndex: number | null;
  operation: string;
  error: ErrorInfoV1;
  /** Model calls made before the failure (llm-svc), still to be counted in the run's usage. */
  calls: readonly LlmCallV1[];
}

/**
 * The error-recovery coordinator: every `*.failed` event of a run comes here. It picks a strategy from the
 * table (component + code), bounded in attempts and time, records the attempt and acts, all under the run's
 * row lock with ids derived from the failure, so a redelivered failure changes nothing.
 */
@Injectable()
export class RecoveryCoordinator {
  private readonly logger = new Logger(RecoveryCoordinator.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly loop: AgentLoopService,
    private readonly finisher: RunFinisher,
    private readonly publisher: RecoveryPublisher,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  /** The task's own rules first, then its org's, the global ones and the defaults. */
  ruleFor(task: RuleSource, component: string, code: string): RecoveryRuleV1 {
    const layers = [
      task.recoveryRules,
      this.config.RECOVERY_ORG_RULES[task.orgId] ?? [],
      this.config.RECOVERY_RULES,
      DEFAULT_RECOVERY_RULES,
    ];
    return findRecoveryRule(layers, component, code);
  }

  async onServiceFailed(message: FailedEvent): Promise<void> {
    const { taskId, stepIndex, operation, error } = message.payload;
    const failure: Failure = {
      id: message.id,
      causationId: message.causationId,
      component: message.subject.split('.')[2] ?? 'service',
      stepIndex,
      operation,
      error,
      calls: message.payload.calls ?? [],
    };
    // Read before the run's lock (the backoff below waits without it); a task's rules never change.
    const source = await this.dataSource
      .getRepository(TaskEntity)
      .findOne({ select: { orgId: true, recoveryRules: true }, where: { id: taskId } });
    if (!source) return;
    const rule = this.ruleFor(source, failure.component, error.code);
    // The backoff is waited out before deciding, with the message held (the consumer keeps it alive): a crash
    // during the wait means a redelivery, not a lost retry.
    const verdict = judgeAttempt(rule, await this.prior(taskId, failure), new Date(), error.retryAfterMs);
    if (verdict.kind === 'attempt' && verdict.delayMs > 0 && !(await this.decided(failure.id))) {
      await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    }
    await this.loop.withRun(taskId, message.id, (ctx, task) => this.decide(ctx, task, failure, rule));
  }

  /**
   * The browser-svc instance holding the run's session stopped its heartbeat: the same decision as a
   * SESSION_LOST from that instance, once per session (the failure id names the session's open command).
   */
  async onOwnerLost(taskId: string, instanceId: string, why: string): Promise<void> {
    await this.loop.withRun(taskId, null, async (ctx, task) => {
      if (task.status !== 'running' || task.browserInstanceId !== instanceId) return;
      const session = await this.currentSession(ctx, taskId);
      const failure: Failure = {
        id: `${session}:owner_lost`,
        causationId: session,
        component: 'browser',
        stepIndex: null,
        operation: OPEN_SESSION,
        error: { name: 'BrowserException', code: 'SESSION_LOST', message: why, terminal: false },
        calls: [],
      };
      this.logger.warn(`task ${taskId}: ${why}; recovering`);
      await this.decide(ctx, task, failure, this.ruleFor(task, failure.component, failure.error.code));
    });
  }

  /** A replacement session opened: the run goes on in a fresh step on it. False when it is not one of ours. */
  async onSessionOpened(message: Envelope<PayloadOf<'webbyflow.evt.browser.session_opened.v1'>>): Promise<boolean> {
    if (!message.causationId) return false;
    let handled = false;
    await this.loop.withRun(message.payload.taskId, message.id, async (ctx, task) => {
      const awaiting = await ctx.em.findOne(RecoveryAttemptEntity, {
        where: { taskId: task.id, status: 'awaiting_session', commandId: message.causationId ?? '' },
      });
      if (!awaiting || task.status !== 'running') return;
      handled = true;
      awaiting.status = 'attempted';
      await ctx.em.save(awaiting);
      task.browserInstanceId = message.payload.browserInstanceId;
      const step = await ctx.em.findOneByOrFail(StepEntity, { taskId: task.id, index: task.currentStepIndex ?? 0 });
      await this.loop.continueAfter(ctx, task, step);
    });
    return handled;
  }

  /** The run planned a step after its recovery: every open attempt succeeded. */
  async onPlanGenerated(message: Envelope<PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>>): Promise<void> {
    const { taskId, stepIndex } = message.payload;
    await this.loop.withRun(
      taskId,
      message.id,
      async (ctx, task) => {
        if (task.currentStepIndex !== stepIndex) return;
        const step = await ctx.em.findOneBy(StepEntity, { taskId, index: stepIndex });
        if (!step || step.status === 'failed' || step.status === 'scraping' || step.status === 'planning') return;
        const open = await ctx.em.find(RecoveryAttemptEntity, { where: { taskId, status: 'attempted' } });
        for (const attempt of open) {
          attempt.status = 'succeeded';
          await ctx.em.save(attempt);
          await this.publisher.event(ctx.em, task, attempt, 'succeeded', message.id);
        }
      },
      true,
    );
  }

  /** Replacement sessions that never opened (no healthy browser-svc) end their runs instead of their deadlines. */
  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.RECOVERY_SESSION_TIMEOUT_MS);
    const stale = await this.dataSource.getRepository(RecoveryAttemptEntity).find({
      where: { status: 'awaiting_session', createdAt: LessThan(cutoff) },
      take: 100,
    });
    for (const { id, taskId } of stale) {
      await this.loop.withRun(taskId, null, async (ctx, task) => {
        const attempt = await ctx.em.findOneBy(RecoveryAttemptEntity, { id, status: 'awaiting_session' });
        if (!attempt) return;
        const cause = attempt.reason; // the failure's own message
        attempt.status = 'exhausted';
        attempt.reason = `no browser session opened within ${this.config.RECOVERY_SESSION_TIMEOUT_MS / 1000} s`;
        await ctx.em.save(attempt);
        await this.publisher.event(ctx.em, task, attempt, 'exhausted', null);
        await this.finisher.finish(ctx, task, {
          status: 'failed',
          code: attempt.code,
          reason: `${attempt.component} failed with ${attempt.code}: ${cause}; recovery exhausted (${attempt.reason}): ${await this.tried(ctx, task)}`,
        });
      });
    }
    return stale.length;
  }

  /**
   * The failed plan's or check's model calls join the step's and the run's usage: once, since this runs only for a
   * failure not yet decided, in the transaction that records the decision.
   */
  private async countModelCalls(ctx: RunContext, task: TaskEntity, failure: Failure): Promise<void> {
    if (failure.calls.length === 0) return;
    const step =
      failure.stepIndex === null
        ? null
        : await ctx.em.findOneBy(StepEntity, { taskId: task.id, index: failure.stepIndex });
    recordFailedCalls(task, step, failure.calls);
    if (step) await ctx.em.save(step);
    await ctx.em.save(task);
  }

  private async decide(ctx: RunContext, task: TaskEntity, failure: Failure, rule: RecoveryRuleV1): Promise<void> {
    if (await ctx.em.existsBy(RecoveryAttemptEntity, { failureId: failure.id })) return;
    if (task.status !== 'running' && task.status !== 'queued') return;
    const running = task.status === 'running';
    const stepIndex = running ? task.currentStepIndex : null;
    // A failure about a step the run has left (or the lost session's late echoes) changes nothing.
    if (running && failure.stepIndex !== null && failure.stepIndex !== stepIndex) return;
    const awaiting = await ctx.em.findOneBy(RecoveryAttemptEntity, { taskId: task.id, status: 'awaiting_session' });
    if (awaiting) {
      if (failure.causationId !== awaiting.commandId) return;
      awaiting.status = 'attempted'; // the replacement session failed too: this failure decides what next
      await ctx.em.save(awaiting);
    }

    const prior = await this.priorIn(ctx, task.id, failure);
    // A session failure not caused by the session the run now uses is about a session already replaced.
    if (failure.stepIndex === null && failure.causationId && failure.causationId !== prior.sessionCommand) return;

    const verdict = judgeAttempt(rule, prior, new Date(), failure.error.retryAfterMs);
    const attempt = ctx.em.create(RecoveryAttemptEntity, {
      taskId: task.id,
      stepIndex,
      failureId: failure.id,
      component: failure.component,
      code: failure.error.code,
      strategy: rule.strategy,
      attempt: verdict.attempt,
      maxAttempts: rule.maxAttempts,
      status: verdict.kind === 'exhausted' ? 'exhausted' : 'attempted',
      reason: verdict.kind === 'exhausted' ? verdict.why : failure.error.message.slice(0, 2000),
      commandId: null,
    });
    await this.countModelCalls(ctx, task, failure);
    if (verdict.kind === 'exhausted') return this.exhaust(ctx, task, failure, attempt);

    const step = stepIndex === null ? null : await ctx.em.findOneBy(StepEntity, { taskId: task.id, index: stepIndex });
    const key = `${task.id}:recovery:r${prior.runTotal + 1}`;
    if (!step || rule.strategy === 'new_session' || failure.operation === OPEN_SESSION) {
      attempt.commandId = `${key}:open_session`;
      if (step) attempt.status = 'awaiting_session';
      await ctx.em.save(attempt);
      await this.publisher.event(ctx.em, task, attempt, 'attempted', failure.id);
      if (step) await this.closeStep(ctx, step, failure);
      const url = step ? await this.lastUrl(ctx, task, step) : task.url;
      return this.publisher.openSession(
        ctx.em,
        task,
        url,
        attempt.commandId,
        step ? `r${prior.runTotal + 1}` : undefined,
        failure.id,
      );
    }
    await ctx.em.save(attempt);
    await this.publisher.event(ctx.em, task, attempt, 'attempted', failure.id);
    if (rule.strategy === 'retry_with_backoff' && failure.operation === SCRAPE_PAGE && step.status === 'scraping') {
      attempt.commandId = `${key}:scrape_page`;
      await ctx.em.save(attempt);
      return this.publisher.scrape(ctx.em, task, step.index, attempt.commandId, failure.id);
    }
    // A failed plan or action is never re-sent as such (an action may have had effects): re-scrape and re-plan.
    await this.closeStep(ctx, step, failure);
    const budget = rule.strategy === 'shrink_budget' ? this.shrunkBudget(task, verdict.attempt) : undefined;
    return this.loop.continueAfter(ctx, task, step, budget);
  }

  private async exhaust(ctx: RunContext, task: TaskEntity, failure: Failure, attempt: RecoveryAttemptEntity) {
    const tried = await this.tried(ctx, task); // before this row, which tried nothing
    await ctx.em.save(attempt);
    await this.publisher.event(ctx.em, task, attempt, 'exhausted', failure.id);
    const operation = failure.operation.split('.')[3] ?? failure.operation;
    const base = `${failure.component} failed with ${failure.error.code} during ${operation}: ${failure.error.message}`;
    await this.finisher.finish(ctx, task, {
      status: 'failed',
      code: failure.error.code,
      reason: attempt.strategy === 'fail' ? base : `${base}; recovery exhausted (${attempt.reason}): ${tried}`,
    });
  }

  /**
   * The step ends `failed`; the first action sent but unanswered may have taken effect, so it is marked, never
   * re-run. Actions sent with it (one command runs them in order) and actions never sent did not run.
   */
  private async closeStep(ctx: RunContext, step: StepEntity, failure: Failure): Promise<void> {
    const rows = await ctx.em.find(ActionEntity, {
      where: { stepId: step.id, status: 'pending' },
      order: { index: 'ASC' },
    });
    const running = rows.find((row) => row.startedAt);
    for (const row of rows) {
      if (row === running) {
        Object.assign(row, {
          status: 'failed',
          errorCode: failure.error.code,
          errorMessage: `no result (${failure.error.code}); it may have taken effect and is not run again`,
          finishedAt: new Date(),
        });
      } else row.status = 'skipped';
    }
    if (rows.length > 0) await ctx.em.save(rows);
    step.status = 'failed';
    await ctx.em.save(step);
  }

  private async lastUrl(ctx: RunContext, task: TaskEntity, step: StepEntity): Promise<string> {
    if (step.url) return step.url;
    const seen = await ctx.em.find(StepEntity, { where: { taskId: task.id }, order: { index: 'DESC' } });
    return seen.find((s) => s.url)?.url ?? task.url;
  }

  private shrunkBudget(task: TaskEntity, attempt: number): number {
    const configured = (task.browserOptions as { treeTokenBudget?: number } | null)?.treeTokenBudget;
    return Math.max(MIN_TREE_BUDGET, Math.floor((configured ?? DEFAULT_TREE_BUDGET) / 2 ** attempt));
  }

  /** `new_session ×2, retry_with_backoff ×1`: what the run tried. */
  private async tried(ctx: RunContext, task: TaskEntity): Promise<string> {
    const rows = await ctx.em.find(RecoveryAttemptEntity, {
      where: { taskId: task.id, status: In(['attempted', 'succeeded', 'exhausted', 'awaiting_session']) },
    });
    const counts = new Map<string, number>();
    for (const r of rows) if (r.attempt > 0) counts.set(r.strategy, (counts.get(r.strategy) ?? 0) + 1);
    return counts.size === 0 ? 'nothing tried' : `tried ${[...counts].map(([s, n]) => `${s} ×${n}`).join(', ')}`;
  }

  private async decided(failureId: string): Promise<boolean> {
    return this.dataSource.getRepository(RecoveryAttemptEntity).existsBy({ failureId });
  }

  private async prior(taskId: string, failure: Failure) {
    return this.priorIn({ em: this.dataSource.manager }, taskId, failure);
  }

  private async priorIn(ctx: Pick<RunContext, 'em'>, taskId: string, failure: Failure) {
    const all = await ctx.em.find(RecoveryAttemptEntity, { where: { taskId }, order: { createdAt: 'ASC' } });
    const same = all.filter((a) => a.component === failure.component && a.code === failure.error.code && a.attempt > 0);
    return {
      count: same.length,
      firstAt: same[0]?.createdAt ?? null,
      runTotal: all.length,
      sessionCommand: sessionCommandOf(taskId, all),
    };
  }

  private async currentSession(ctx: Pick<RunContext, 'em'>, taskId: string): Promise<string> {
    const all = await ctx.em.find(RecoveryAttemptEntity, { where: { taskId }, order: { createdAt: 'ASC' } });
    return sessionCommandOf(taskId, all);
  }
}

/** The id of the open_session command behind the run's current session. */
function sessionCommandOf(taskId: string, attempts: RecoveryAttemptEntity[]): string {
  const opened = attempts.filter((a) => a.commandId?.endsWith(':open_session') && a.status !== 'awaiting_session');
  return opened.at(-1)?.commandId ?? `${taskId}:open_session`;
}

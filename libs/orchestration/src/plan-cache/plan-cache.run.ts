import { Injectable, Logger } from '@nestjs/common';
import { ActionV1, type CachedStepV1, isBrowserAction, type PayloadOf } from '@webbyflow/contracts';
import { ActionEntity, StepEntity, type TaskEntity } from '@webbyflow/persistence';
import type { RunContext } from '../loop/run-context';
import { withPayloadReferences } from './payload-references';
import { planCacheKeyParts } from './plan-cache.key';
import { PlanCacheStore } from './plan-cache.store';

type PlanGenerated = PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>;

/** What the loop sends with a step's plan command: the cache's step, or nothing (plan afresh). */
export type StepCache =
  | { kind: 'replay'; cache: { step: CachedStepV1; samePage: boolean } }
  | { kind: 'plan' }
  /** `cache_only` and nothing to replay: the run fails with this reason instead of planning. */
  | { kind: 'fail'; reason: string };

/**
 * The action-plan cache as one run uses it (ARCHITECTURE.md §14). The run's row carries where it stands:
 * `plan_cache_outcome` is null before the first plan, `hit` while every step so far was replayed, and once it is
 * anything else no later step reads the cache. Everything happens in the run's transaction.
 */
@Injectable()
export class PlanCacheRun {
  private readonly logger = new Logger(PlanCacheRun.name);

  /** The cached step to send with step `index`'s plan command. */
  async stepFor(ctx: RunContext, task: TaskEntity, index: number): Promise<StepCache> {
    const cacheOnly = task.planner === 'cache_only';
    const none = (reason: string): StepCache => (cacheOnly ? { kind: 'fail', reason } : { kind: 'plan' });
    if (task.planCache !== 'use') {
      task.planCacheOutcome ??= 'bypassed';
      return none(`the task has plan_cache "${task.planCache}", so the cache is not read`);
    }
    const replaying = task.planCacheOutcome === null || task.planCacheOutcome === 'hit';
    if (!replaying) return none(`the run stopped replaying the cache (${task.planCacheOutcome})`);
    const entry = await new PlanCacheStore(ctx.em).find(task.orgId, planCacheKeyParts(task));
    const step = entry?.steps[index];
    if (step) return { kind: 'replay', cache: { step, samePage: index === 0 } };
    // No entry at all, or a replay that ran past the entry's last step (its plan ended differently here).
    task.planCacheOutcome = task.planCacheOutcome === null ? 'none' : 'healed';
    return none(
      entry
        ? `the cached plan has ${entry.steps.length} step(s) and this is step ${index + 1}`
        : 'the cache has no plan for this URL pattern, goal and payload keys',
    );
  }

  /**
   * Takes in a step's plan: keeps its cacheable form (payload values as references) on the step, and moves
   * the run's outcome on — a replay keeps it `hit`, a miss on the first step is a `miss`, a later one a heal.
   */
  async onPlanned(ctx: RunContext, task: TaskEntity, step: StepEntity, plan: PlanGenerated): Promise<void> {
    step.cachedStep = plan.cachedStep ? this.withReferences(plan.cachedStep, task.payload) : null;
    if (plan.cache?.outcome === 'hit') {
      task.planCacheOutcome = 'hit';
      task.planCacheSteps += 1;
    } else if (plan.cache?.outcome === 'miss') {
      step.cacheMiss = plan.cache.reason ?? 'the cached step did not fit the page';
      if (task.planCacheOutcome === null) {
        task.planCacheOutcome = 'miss';
        await new PlanCacheStore(ctx.em).countMiss(task.orgId, planCacheKeyParts(task));
      } else task.planCacheOutcome = 'healed';
    }
  }

  /** A replayed action failed in the browser: the page is not what the cache knew, planners take over. */
  onReplayFailed(task: TaskEntity, step: StepEntity): void {
    if (step.planner === 'cache' && task.planCacheOutcome === 'hit') task.planCacheOutcome = 'healed';
  }

  /**
   * The run completed: a full replay counts a hit; any other run writes its plan as the key's entry (unless
   * `plan_cache` is `off`). What is written is what ran: per step, the actions up to the first that did not
   * succeed; a step where nothing succeeded is left out. A run with a step that cannot be printed (a target
   * missing from its tree) is not written.
   */
  async onCompleted(ctx: RunContext, task: TaskEntity): Promise<void> {
    if (task.planCache === 'off') return;
    const store = new PlanCacheStore(ctx.em);
    const parts = planCacheKeyParts(task);
    if (task.planCacheOutcome === 'hit') return store.countHit(task.orgId, parts);
    const steps = await this.ranSteps(ctx, task);
    if (!steps) return;
    const [first] = steps;
    if (!first) return;
    const healed = task.planCacheOutcome === 'healed';
    await store.record(
      task.orgId,
      parts,
      { pageFingerprint: first.pageFingerprint, steps, sourceTaskId: task.id },
      healed,
    );
    task.planCacheRecorded = true;
  }

  private async ranSteps(ctx: RunContext, task: TaskEntity): Promise<CachedStepV1[] | undefined> {
    const steps = await ctx.em.find(StepEntity, { where: { taskId: task.id }, order: { index: 'ASC' } });
    const rows = await ctx.em.find(ActionEntity, { where: { taskId: task.id }, order: { index: 'ASC' } });
    const out: CachedStepV1[] = [];
    for (const step of steps) {
      const actions = rows.filter((row) => row.stepId === step.id);
      const ran = actions.findIndex((row) => row.status !== 'succeeded');
      const count = ran === -1 ? actions.length : ran;
      if (count === 0) continue;
      if (!step.cachedStep || step.cachedStep.actions.length < count) {
        this.logger.log(`task ${task.id}: plan not cached, step ${step.index} has a target its page tree lacks`);
        return undefined;
      }
      out.push({ ...step.cachedStep, actions: step.cachedStep.actions.slice(0, count) });
    }
    return out;
  }

  private withReferences(step: CachedStepV1, payload: Record<string, unknown>): CachedStepV1 {
    return {
      ...step,
      actions: step.actions.map((cached) => {
        const action = ActionV1.parse(cached.action);
        return isBrowserAction(action) ? { ...cached, action: withPayloadReferences(action, payload) } : cached;
      }),
    };
  }
}

import type { PayloadOf, TaskUsageV1 } from '@webbyflow/contracts';
import type { StepEntity, TaskEntity } from '@webbyflow/persistence';

type PlanGenerated = PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>;

/** Sums of USD amounts stay free of binary noise (0.1 + 0.2). */
const usd = (value: number) => Math.round(value * 1e8) / 1e8;

/** Writes a plan's model use onto its step and adds it to the run's totals (the caller holds the row lock). */
export function recordPlanUsage(task: TaskEntity, step: StepEntity, plan: PlanGenerated): void {
  const cachedTokens = plan.cachedTokens ?? 0;
  const costUsd = plan.costUsd ?? 0;
  Object.assign(step, {
    cachedTokens,
    costUsd,
    llmFallback: plan.fallback ?? false,
    llmCalls: plan.calls ?? [],
  });
  task.inputTokens += plan.inputTokens;
  task.outputTokens += plan.outputTokens;
  task.cachedTokens += cachedTokens;
  task.costUsd = usd(task.costUsd + costUsd);
  task.llmCalls += plan.calls?.length ?? plan.attempts;
}

/** The reason to stop the run when its model calls have cost `max_cost` or more; null while under it. */
export function maxCostReached(task: TaskEntity): string | null {
  if (task.maxCostUsd === null || task.costUsd < task.maxCostUsd) return null;
  return `model calls cost $${task.costUsd}, reaching max_cost ($${task.maxCostUsd}) before the goal was met`;
}

/** The run's model use as views and task events show it. */
export function taskUsage(task: TaskEntity): TaskUsageV1 {
  return {
    inputTokens: task.inputTokens,
    outputTokens: task.outputTokens,
    cachedTokens: task.cachedTokens,
    costUsd: task.costUsd,
    llmCalls: task.llmCalls,
  };
}

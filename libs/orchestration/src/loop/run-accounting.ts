import type { LlmCallV1, PayloadOf, TaskUsageV1 } from '@webbyflow/contracts';
import type { StepEntity, TaskEntity } from '@webbyflow/persistence';

type PlanGenerated = PayloadOf<'webbyflow.evt.llm.plan_generated.v1'>;
type CompletionChecked = PayloadOf<'webbyflow.evt.llm.completion_checked.v1'>;

/** Sums of USD amounts stay free of binary noise (0.1 + 0.2). */
const usd = (value: number) => Math.round(value * 1e8) / 1e8;

/** Writes a plan's model use onto its step and adds it to the run's totals (the caller holds the row lock). */
export function recordPlanUsage(task: TaskEntity, step: StepEntity, plan: PlanGenerated): void {
  Object.assign(step, { cachedTokens: 0, costUsd: 0, llmFallback: plan.fallback ?? false, llmCalls: [] });
  addUsage(task, step, {
    inputTokens: plan.inputTokens,
    outputTokens: plan.outputTokens,
    cachedTokens: plan.cachedTokens ?? 0,
    costUsd: plan.costUsd ?? 0,
    calls: plan.calls ?? [],
    callCount: plan.calls?.length ?? plan.attempts,
  });
}

/** Adds a completion check's model use to its step (on top of the plan's) and to the run. */
export function recordCheckUsage(task: TaskEntity, step: StepEntity, check: CompletionChecked): void {
  addToStep(task, step, { ...check, callCount: check.calls.length });
}

/**
 * Adds the model calls of a plan or check that failed (every model gave up; they still cost tokens) to the run,
 * and to their step when it is known.
 */
export function recordFailedCalls(task: TaskEntity, step: StepEntity | null, calls: readonly LlmCallV1[]): void {
  const sum = (pick: (call: LlmCallV1) => number) => calls.reduce((total, call) => total + pick(call), 0);
  const use = {
    inputTokens: sum((c) => c.inputTokens),
    outputTokens: sum((c) => c.outputTokens),
    cachedTokens: sum((c) => c.cachedTokens),
    costUsd: usd(sum((c) => c.costUsd)),
    calls: [...calls],
    callCount: calls.length,
  };
  if (step) addToStep(task, step, use);
  else addToRun(task, use);
}

type Use = Omit<TaskUsageV1, 'llmCalls'> & { calls: LlmCallV1[]; callCount: number };

/** Use on top of what the step already counts (its plan's tokens included), and in the run. */
function addToStep(task: TaskEntity, step: StepEntity, use: Use): void {
  step.inputTokens += use.inputTokens;
  step.outputTokens += use.outputTokens;
  addUsage(task, step, use);
}

function addUsage(task: TaskEntity, step: StepEntity, use: Use): void {
  step.cachedTokens += use.cachedTokens;
  step.costUsd = usd(step.costUsd + use.costUsd);
  step.llmCalls = [...step.llmCalls, ...use.calls];
  addToRun(task, use);
}

function addToRun(task: TaskEntity, use: Use): void {
  task.inputTokens += use.inputTokens;
  task.outputTokens += use.outputTokens;
  task.cachedTokens += use.cachedTokens;
  task.costUsd = usd(task.costUsd + use.costUsd);
  task.llmCalls += use.callCount;
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

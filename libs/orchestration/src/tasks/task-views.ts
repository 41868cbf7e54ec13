import {
  LlmCallV1,
  type RecoveryAttemptViewV1,
  type StepViewV1,
  type TaskArtifactV1,
  type TaskViewV1,
} from '@webbyflow/contracts';
import { taskUsage } from '../loop/run-accounting';
import type {
  ActionEntity,
  ArtifactEntity,
  RecoveryAttemptEntity,
  StepEntity,
  TaskEntity,
} from '@webbyflow/persistence';

import { planCacheMode, planCacheOutcome, plannerKind, plannerMode } from './planner-mode';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toTaskView(task: TaskEntity, artifacts: ArtifactEntity[]): TaskViewV1 {
  return {
    id: task.id,
    orgId: task.orgId,
    status: task.status,
    url: task.url,
    goal: task.goal,
    maxSteps: task.maxSteps,
    stepCount: task.stepCount,
    output: task.output ?? null,
    failureReason: task.failureReason,
    webhookUrl: task.webhookUrl,
    priority: task.priority,
    ...(task.planner ? { planner: plannerMode(task.planner) } : {}),

    model: task.model,
    maxCostUsd: task.maxCostUsd,
    usage: taskUsage(task),
    planCache: {
      mode: planCacheMode(task.planCache),
      outcome: planCacheOutcome(task.planCacheOutcome),
      stepsReplayed: task.planCacheSteps,
      recorded: task.planCacheRecorded,
    },
    recoveryRules: task.recoveryRules,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    startedAt: iso(task.startedAt),
    finishedAt: iso(task.finishedAt),
    artifacts: artifacts.map((a): TaskArtifactV1 => ({
      id: a.id,
      kind: a.kind,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      stepIndex: a.stepIndex,
      state: a.state,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

export function toStepView(
  step: StepEntity,
  actions: ActionEntity[],
  recovery: RecoveryAttemptEntity[] = [],
): StepViewV1 {
  return {
    ...(recovery.length > 0 ? { recovery: recovery.map(toRecoveryAttemptView) } : {}),
    index: step.index,
    status: step.status,
    url: step.url,
    reasoning: step.reasoning,
    inputTokens: step.inputTokens,
    outputTokens: step.outputTokens,
    cachedTokens: step.cachedTokens,
    costUsd: step.costUsd,
    fallback: step.llmFallback,
    llmCalls: step.llmCalls.map((call) => LlmCallV1.parse(call)),
    screenshotArtifactId: step.screenshotArtifactId,
    elementTreeArtifactId: step.elementTreeArtifactId,
    ...(step.planner ? { planner: plannerKind(step.planner) } : {}),
    ...(step.plannerConfidence === null ? {} : { confidence: step.plannerConfidence }),
    ...(step.cacheMiss ? { cacheMiss: step.cacheMiss } : {}),
    createdAt: step.createdAt.toISOString(),
    actions: actions
      .sort((a, b) => a.index - b.index)
      .map((a) => ({
        index: a.index,
        type: a.type,
        elementId: a.elementId,
        input: a.input,
        reasoning: a.reasoning,
        status: a.status,
        result: a.result,
      })),
  };
}

function toRecoveryAttemptView(a: RecoveryAttemptEntity): RecoveryAttemptViewV1 {
  return {
    component: a.component,
    code: a.code,
    strategy: a.strategy as RecoveryAttemptViewV1['strategy'],
    attempt: a.attempt,
    maxAttempts: a.maxAttempts,
    status: a.status,
    reason: a.reason,
    createdAt: a.createdAt.toISOString(),
  };
}

import {
  PlanCacheViewV1,
  PlannerKindV1,
  PlannerModeV1,
  LlmCallV1,
  RecoveryAttemptViewV1,
  TaskUsageV1,
  RunEventViewV1,
  StepActionViewV1,
  StepViewV1,
  TaskArtifactV1,
  TaskSummaryV1,
  TaskViewV1,
} from '@webbyflow/contracts';
import { z } from 'zod';
import { RecoveryRuleRequest } from './recovery-rules.request';

const task = TaskViewV1.shape;
const artifact = TaskArtifactV1.shape;
const step = StepViewV1.shape;
const action = StepActionViewV1.shape;
const usage = TaskUsageV1.shape;
const call = LlmCallV1.shape;
const link = (what: string) => z.url().describe(`${what}; fetch it with the same x-api-key header.`);

export const TaskArtifactResponse = z
  .object({
    id: artifact.id,
    kind: artifact.kind,
    content_type: artifact.contentType,
    size_bytes: artifact.sizeBytes,
    step_index: artifact.stepIndex,
    state: artifact.state.describe(
      '`pending` while the artifact store is down and the bytes wait to be stored (the link answers 409 ARTIFACT_PENDING until then); `stored` once they are.',
    ),
    url: link('Download link of the bytes'),
  })
  .describe('A file the run produced: a screenshot, the page HTML, the element tree or a download.');
export type TaskArtifactResponse = z.output<typeof TaskArtifactResponse>;

export const UsageResponse = z
  .object({
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cached_tokens: usage.cachedTokens.describe('Prompt tokens served from the provider cache (part of input_tokens).'),
    cost_usd: usage.costUsd.describe('At the server price table (LLM_PRICES); models without a price count 0.'),
    llm_calls: usage.llmCalls,
  })
  .describe('Model use of the run so far.');

export const LlmCallResponse = z
  .object({
    provider: call.provider,
    model: call.model,
    repair: call.repair.describe('The retry that carried the validation error of the previous answer.'),
    http_attempts: call.httpAttempts.describe("HTTP attempts, the SDK's own retries on 429/5xx included."),
    http_statuses: call.httpStatuses,
    outcome: call.outcome.describe('ok, invalid (answer failed validation) or the error code of a failed call.'),
    input_tokens: call.inputTokens,
    output_tokens: call.outputTokens,
    cached_tokens: call.cachedTokens,
    cost_usd: call.costUsd,
    duration_ms: call.durationMs,
    with_image: call.withImage,
  })
  .describe('One model call made to plan a step.');

const cache = PlanCacheViewV1.shape;

export const TaskPlanCacheResponse = z
  .object({
    mode: cache.mode.describe('use, refresh (record only) or off, as the task asked.'),
    outcome: cache.outcome.describe(
      'hit: every step replayed with no planner; healed: some replayed, then a planner took over; miss: a cached ' +
        'plan existed but did not fit the first page; none: nothing cached for this key; bypassed: not read. ' +
        'Null before the first step is planned.',
    ),
    steps_replayed: cache.stepsReplayed,
    recorded: cache.recorded.describe("The run's plan was written to the cache when it completed."),
  })
  .describe('What the action-plan cache did for this run.');

export const TaskResponse = z
  .object({
    id: task.id,
    status: task.status,
    url: task.url,
    goal: task.goal,
    output: task.output.describe('The extracted data, shaped by extraction_schema, once the run completes.'),
    failure_reason: task.failureReason,
    step_count: task.stepCount,
    max_steps: task.maxSteps,
    priority: z.number().int().describe('Queued tasks start highest priority first, then oldest.'),
    planner: PlannerModeV1.nullable().describe(
      "The planner the task asked for: auto, llm, heuristic or cache_only; null: the service's default (auto).",
    ),
    plan_cache: TaskPlanCacheResponse,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    started_at: task.startedAt,
    finished_at: task.finishedAt,
    webhook_url: task.webhookUrl,
    artifacts: z.array(TaskArtifactResponse),
    model: z.string().nullable().describe('The model asked for; null: the server default.'),
    max_cost: z.number().nullable().describe('USD the run may spend on model calls; null: no limit.'),
    usage: UsageResponse,
    recovery_rules: z
      .array(RecoveryRuleRequest)
      .describe('The task’s own recovery rules, as sent with their defaults filled in; empty when it sent none.'),
  })
  .describe('A task and where its run stands.');
export type TaskResponse = z.output<typeof TaskResponse>;

export const ActionResponse = z
  .object({
    index: action.index,
    type: action.type,
    element_id: action.elementId,
    input: action.input,
    reasoning: action.reasoning,
    status: action.status,
    result: action.result,
  })
  .describe('One browser action of a step.');

const recovery = RecoveryAttemptViewV1.shape;

export const RecoveryAttemptResponse = z
  .object({
    component: recovery.component,
    code: recovery.code,
    strategy: recovery.strategy,
    attempt: recovery.attempt,
    max_attempts: recovery.maxAttempts,
    status: recovery.status,
    reason: recovery.reason,
    created_at: recovery.createdAt,
  })
  .describe('What the error-recovery coordinator did about a failure: the strategy, which attempt, and how it ended.');

export const StepResponse = z
  .object({
    index: step.index,
    status: step.status,
    url: step.url,
    reasoning: step.reasoning,
    input_tokens: step.inputTokens,
    output_tokens: step.outputTokens,
    planner: PlannerKindV1.nullable().describe(
      "Which planner made this step's plan: llm, heuristic or cache (a replay, no model call); null before it was planned.",
    ),
    cache_miss: z
      .string()
      .nullable()
      .describe(
        "Why the action-plan cache's step for this index was not replayed; null when it was, or there was none.",
      ),
    planner_confidence: z
      .number()
      .nullable()
      .describe("The heuristic planner's confidence in its plan, 0–1 (null when it was not asked)."),

    cached_tokens: z.number().int(),
    cost_usd: z.number().describe('USD of every model call of this step.'),
    fallback: z.boolean().describe('The plan came from a fallback model.'),
    llm_calls: z.array(LlmCallResponse),
    screenshot_url: link('Screenshot of the page the step saw').nullable(),
    element_tree_url: link('Element tree the planner saw').nullable(),
    actions: z.array(ActionResponse),
    recovery: z
      .array(RecoveryAttemptResponse)
      .optional()
      .describe('Recovery attempts for failures during this step, oldest first; absent when there were none.'),
  })
  .describe('One step of a run: what the page showed, what was decided, what was done.');

export const StepsResponse = z
  .object({ task_id: task.id, steps: z.array(StepResponse) })
  .describe('Every step of a run, oldest first.');
export type StepsResponse = z.output<typeof StepsResponse>;

const runEvent = RunEventViewV1.shape;

export const RunEventResponse = z
  .object({
    id: runEvent.id,
    subject: runEvent.subject.describe(
      'NATS subject, e.g. webbyflow.evt.browser.page_scraped.v1 (see docs/asyncapi.json)',
    ),
    version: runEvent.version,
    occurred_at: runEvent.occurredAt,
    causation_id: runEvent.causationId,
    payload: runEvent.payload,
  })
  .describe('One event of a run, as it was published on the event stream.');

export const EventsResponse = z
  .object({
    task_id: task.id,
    events: z.array(RunEventResponse),
    next_cursor: z.string().nullable().describe('pass as `after` for the next page; null at the end so far'),
  })
  .describe("A page of a run's events, in the order they happened.");
export type EventsResponse = z.output<typeof EventsResponse>;

const summary = TaskSummaryV1.shape;

export const TaskSummaryResponse = z
  .object({
    id: summary.id,
    status: summary.status,
    url: summary.url,
    goal: summary.goal,
    step_count: summary.stepCount,
    failure_reason: summary.failureReason,
    created_at: summary.createdAt,
    finished_at: summary.finishedAt,
  })
  .describe('A task as the list shows it; GET /v1/tasks/{id} has the rest.');

export const TasksResponse = z
  .object({
    tasks: z.array(TaskSummaryResponse),
    next_cursor: z.uuid().nullable().describe('pass as `after` for the next page; null on the last page'),
  })
  .describe("A page of the org's tasks, newest first.");
export type TasksResponse = z.output<typeof TasksResponse>;

import { z } from 'zod';
import { BrowserOptionsV1 } from './browser.schemas';
import {
  ArtifactKindV1,
  ArtifactStateV1,
  ErrorInfoV1,
  LlmCallV1,
  TaskModelV1,
  TaskStatusV1,
  TaskUsageV1,
} from './common.schemas';
import { MAX_TASK_RECOVERY_RULES, RecoveryAttemptViewV1, RecoveryRuleV1 } from './recovery.schemas';

/**
 * Which planner decides a task's steps: `heuristic` (no model), `llm`, `auto` (the heuristic when it is
 * confident, else the model), or `cache_only` (replay the action-plan cache; a step it cannot replay fails
 * the run with CACHE_MISS instead of asking a planner).
 */
export const PlannerModeV1 = z.enum(['auto', 'llm', 'heuristic', 'cache_only']);
export type PlannerModeV1 = z.infer<typeof PlannerModeV1>;
/** The planner that made one plan; `cache` is a replay of the action-plan cache (no model call). */
export const PlannerKindV1 = z.enum(['llm', 'heuristic', 'cache']);
export type PlannerKindV1 = z.infer<typeof PlannerKindV1>;

/**
 * How a task uses the action-plan cache: `use` replays a cached plan when there is one and records the run's
 * plan when it completes; `refresh` bypasses the cache for reading but records; `off` neither reads nor writes.
 */
export const PlanCacheModeV1 = z.enum(['use', 'refresh', 'off']);
export type PlanCacheModeV1 = z.infer<typeof PlanCacheModeV1>;

/**
 * What the cache did for a run: `hit` every step replayed; `healed` some steps replayed, then a planner took
 * over (the entry was rewritten from the run); `miss` an entry existed but its first step did not fit the page;
 * `none` no entry for the key; `bypassed` the task asked not to read it (`refresh` or `off`).
 */
export const PlanCacheOutcomeV1 = z.enum(['hit', 'healed', 'miss', 'none', 'bypassed']);
export type PlanCacheOutcomeV1 = z.infer<typeof PlanCacheOutcomeV1>;

export const PlanCacheViewV1 = z.object({
  mode: PlanCacheModeV1,
  /** Null while the run has not planned its first step. */
  outcome: PlanCacheOutcomeV1.nullable(),
  /** Steps whose plan was replayed from the cache, with no planner. */
  stepsReplayed: z.number().int().nonnegative(),
  /** The run's plan was written to the cache when it completed. */
  recorded: z.boolean(),
});
export type PlanCacheViewV1 = z.infer<typeof PlanCacheViewV1>;

/** A JSON Schema object (draft 2020-12) describing the output the user wants back. */
export const JsonSchemaObject = z.record(z.string(), z.unknown());

/** What a user asks for; validated by the gateway, persisted by the orchestrator. */
export const TaskSpecV1 = z.object({
  url: z.url({ protocol: /^https?$/ }),
  goal: z.string().trim().min(1).max(4000),
  payload: z.record(z.string(), z.unknown()).default({}),
  extractionSchema: JsonSchemaObject.nullable().default(null),
  maxSteps: z.number().int().min(1).max(100).default(10),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  /** Deadline of the run, counted from when it starts (time waiting in the queue does not count). */
  timeoutSeconds: z.number().int().min(10).max(3600).default(600),
  /** Queued runs start highest priority first, then oldest first; absent means 0. */
  priority: z.number().int().min(-10).max(10).optional(),
  /** Per-task browser settings: viewport, locale, proxy, cookies, blocked resources, screenshots… */
  browser: BrowserOptionsV1.optional(),
  /** Absent: llm-svc's `PLANNER_DEFAULT` (`auto`; with no model configured `auto` is the heuristic alone). */
  planner: PlannerModeV1.optional(),
  /** Reading and writing the action-plan cache; absent means `use`. */
  planCache: PlanCacheModeV1.optional(),

  /** The model to plan with (`openai:gpt-4o`, `anthropic:claude-haiku-4-5`, or a bare name); absent: llm-svc's default. */
  model: TaskModelV1.optional(),
  /** Send the page screenshot to the model on every step. */
  vision: z.boolean().optional(),
  /** Stop the run (failed, MAX_COST_REACHED) once its model calls have cost this many USD. */
  maxCostUsd: z.number().positive().max(10_000).optional(),
  /** The task's own recovery rules, searched before the org's, the global ones and the defaults; absent: none. */
  recoveryRules: z.array(RecoveryRuleV1).max(MAX_TASK_RECOVERY_RULES).optional(),
});
export type TaskSpecV1 = z.infer<typeof TaskSpecV1>;

export const TaskArtifactV1 = z.object({
  id: z.uuid(),
  kind: ArtifactKindV1,
  contentType: z.string(),
  sizeBytes: z.number().int(),
  stepIndex: z.number().int().nullable(),
  /** `pending` while the bytes wait in artifact-svc's spool for the store to come back; content answers 409. */
  state: ArtifactStateV1,
  createdAt: z.iso.datetime(),
});
export type TaskArtifactV1 = z.infer<typeof TaskArtifactV1>;

/** The read model of a task, as the gateway shows it. */
export const TaskViewV1 = z.object({
  id: z.uuid(),
  orgId: z.string(),
  status: TaskStatusV1,
  url: z.string(),
  goal: z.string(),
  maxSteps: z.number().int(),
  stepCount: z.number().int(),
  output: z.unknown().nullable(),
  failureReason: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  /** Absent from orchestrators older than admission control. */
  priority: z.number().int().optional(),
  /** The planner the task asked for; absent when it named none (llm-svc's `PLANNER_DEFAULT` applies). */
  planner: PlannerModeV1.optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  artifacts: z.array(TaskArtifactV1),
  /** Absent from orchestrators older than LLM accounting. */
  model: z.string().nullable().optional(),
  maxCostUsd: z.number().nullable().optional(),
  usage: TaskUsageV1.optional(),
  /** Absent from orchestrators older than the action-plan cache. */
  planCache: PlanCacheViewV1.optional(),
  /** The task's own recovery rules (empty when it brought none); absent from orchestrators older than them. */
  recoveryRules: z.array(RecoveryRuleV1).optional(),
});
export type TaskViewV1 = z.infer<typeof TaskViewV1>;

export const StepActionViewV1 = z.object({
  index: z.number().int(),
  type: z.string(),
  elementId: z.string().nullable(),
  input: z.record(z.string(), z.unknown()),
  reasoning: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed', 'skipped']),
  result: z.record(z.string(), z.unknown()).nullable(),
});
export const StepViewV1 = z.object({
  index: z.number().int(),
  status: z.enum(['scraping', 'planning', 'acting', 'completed', 'failed']),
  url: z.string().nullable(),
  reasoning: z.string().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  screenshotArtifactId: z.uuid().nullable(),
  elementTreeArtifactId: z.uuid().nullable(),
  actions: z.array(StepActionViewV1),
  /** Recovery attempts made for failures during this step, oldest first. */
  recovery: z.array(RecoveryAttemptViewV1).optional(),
  /** Which planner made this step's plan; absent before it was planned. */
  planner: PlannerKindV1.optional(),
  /** The heuristic planner's confidence in its plan (0–1). */
  confidence: z.number().min(0).max(1).optional(),
  /** Why the cached plan of this step could not be replayed (the step was then planned, or the run failed). */
  cacheMiss: z.string().optional(),

  /** Absent from orchestrators older than LLM accounting. */
  cachedTokens: z.number().int().optional(),
  costUsd: z.number().optional(),
  /** The plan came from a fallback model. */
  fallback: z.boolean().optional(),
  /** Every model call of the step's planning. */
  llmCalls: z.array(LlmCallV1).optional(),
  createdAt: z.iso.datetime(),
});
export type StepViewV1 = z.infer<typeof StepViewV1>;

/** The create-task query: the spec, and the client's `Idempotency-Key` when it sent one. */
export const CreateTaskV1 = z.object({
  spec: TaskSpecV1,
  /** Per org; a repeat with the same spec returns the task created first, a different spec is refused. */
  idempotencyKey: z.string().min(1).max(255).optional(),
});

const taskRef = { taskId: z.uuid() };
export const TaskCreatedV1 = z.object({
  ...taskRef,
  url: z.string(),
  goal: z.string(),
  maxSteps: z.number().int(),
  /** The planner the task asked for. */
  planner: PlannerModeV1.optional(),
});
export const TaskQueuedV1 = z.object(taskRef);
export const TaskStartedV1 = z.object({ ...taskRef, browserInstanceId: z.string() });
/** Model use of the run so far, on every terminal task event. */
const usage = { usage: TaskUsageV1.optional() };
export const TaskCompletedV1 = z.object({
  ...taskRef,
  output: z.unknown().nullable(),
  stepCount: z.number().int(),
  ...usage,
});
export const TaskFailedV1 = z.object({ ...taskRef, reason: z.string(), error: ErrorInfoV1.nullable(), ...usage });
export const TaskTerminatedV1 = z.object({ ...taskRef, reason: z.string(), ...usage });
export const TaskTimedOutV1 = z.object({ ...taskRef, reason: z.string(), ...usage });
export const TaskCanceledV1 = z.object({ ...taskRef, reason: z.string(), ...usage });
export const StepStartedV1 = z.object({ ...taskRef, stepIndex: z.number().int() });

/** One recorded event of a run, as the API lists it. */
export const RunEventViewV1 = z.object({
  id: z.string(),
  subject: z.string(),
  version: z.number().int(),
  occurredAt: z.iso.datetime(),
  causationId: z.string().nullable(),
  payload: z.unknown(),
});
export type RunEventViewV1 = z.infer<typeof RunEventViewV1>;

export const ListRunEventsV1 = z.object({
  taskId: z.uuid(),
  /** Id of the last event of the previous page. */
  after: z.string().max(256).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(200),
});
export const RunEventsPageV1 = z.object({
  taskId: z.uuid(),
  events: z.array(RunEventViewV1),
  /** Pass as `after` to get the next page; null when this page is the last one so far. */
  nextCursor: z.string().nullable(),
});

/** A task as a list shows it. */
export const TaskSummaryV1 = z.object({
  id: z.uuid(),
  status: TaskStatusV1,
  url: z.string(),
  goal: z.string(),
  stepCount: z.number().int(),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type TaskSummaryV1 = z.infer<typeof TaskSummaryV1>;

export const ListTasksV1 = z.object({
  status: TaskStatusV1.nullable().default(null),
  /** Id of the last task of the previous page. */
  after: z.uuid().nullable().default(null),
  limit: z.number().int().min(1).max(200).default(50),
});
export const TasksPageV1 = z.object({
  /** Newest first. */
  tasks: z.array(TaskSummaryV1),
  nextCursor: z.uuid().nullable(),
});

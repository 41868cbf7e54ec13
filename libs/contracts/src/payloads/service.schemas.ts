import { z } from 'zod';
import { ActionResultV1, ActionV1, BrowserActionV1 } from './action.schemas';
import { BrowserOptionsV1 } from './browser.schemas';
import { ArtifactKindV1, ArtifactRefV1, ArtifactStateV1, ErrorInfoV1, LlmCallV1, TaskModelV1 } from './common.schemas';
import { CachedStepV1 } from './plan-cache.schemas';
import { JsonSchemaObject, PlannerKindV1, PlannerModeV1 } from './task.schemas';

const taskRef = { taskId: z.uuid() };
const stepRef = { ...taskRef, stepIndex: z.number().int().nonnegative() };
const actionRef = { ...stepRef, actionIndex: z.number().int().nonnegative() };

// browser-svc
export const OpenSessionV1 = z.object({
  ...taskRef,
  url: z.string(),
  browser: BrowserOptionsV1.optional(),
  /** Set when the recovery coordinator opens a replacement session: session_opened then gets its own id. */
  reopen: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});
export const SessionOpenedV1 = z.object({ ...taskRef, browserInstanceId: z.string(), url: z.string() });
export const ScrapePageV1 = z.object({
  ...stepRef,
  /** Overrides the session's element-tree token budget (the recovery coordinator shrinks it after "prompt too long"). */
  treeTokenBudget: z.number().int().min(500).max(200_000).optional(),
});
export const PageScrapedV1 = z.object({
  ...stepRef,
  url: z.string(),
  title: z.string(),
  elementCount: z.number().int(),
  elementTree: ArtifactRefV1,
  screenshot: ArtifactRefV1,
  html: ArtifactRefV1,
});
/** Most browser actions one execute_action command carries: itself and the ones that follow it. */
export const MAX_ACTIONS_PER_COMMAND = 50;
/**
 * `action` is a browser action with payload placeholders already substituted. `following` are the next browser
 * actions of the same plan: browser-svc runs each right after the one before it succeeded, and stops at the
 * first that did not, as the orchestrator would, without a round trip per action. Every action, first or
 * following, reports its own action_executed. Absent from older senders.
 */
export const ExecuteActionV1 = z.object({
  ...actionRef,
  action: z.custom<BrowserActionV1>(),
  following: z
    .array(z.object({ actionIndex: z.number().int().nonnegative(), action: z.custom<BrowserActionV1>() }))
    .max(MAX_ACTIONS_PER_COMMAND - 1)
    .optional(),
});
export const ActionExecutedV1 = z.object({ ...actionRef, actionType: z.string(), result: ActionResultV1 });
export const CloseSessionV1 = z.object({ ...taskRef, reason: z.string() });
export const SessionClosedV1 = z.object({
  ...taskRef,
  reason: z.string(),
  /** The saved browser profile (cookies and local storage), when the task asked for `saveProfile`. */
  profile: ArtifactRefV1.optional(),
});

// llm-svc
export const HistoryEntryV1 = z.object({
  stepIndex: z.number().int(),
  action: ActionV1,
  result: z.object({ success: z.boolean(), error: z.string().optional() }),
});
export type HistoryEntryV1 = z.infer<typeof HistoryEntryV1>;
export const PlanStepV1 = z.object({
  ...stepRef,
  goal: z.string(),
  payload: z.record(z.string(), z.unknown()),
  extractionSchema: JsonSchemaObject.nullable(),
  url: z.string(),
  title: z.string(),
  elementTree: ArtifactRefV1,
  history: z.array(HistoryEntryV1),
  maxSteps: z.number().int(),
  /** The task's planner; absent means llm-svc's `PLANNER_DEFAULT`. */
  planner: PlannerModeV1.optional(),

  /** The task's model; absent: the configured default. Fallbacks follow it either way. */
  model: TaskModelV1.optional(),
  /** Attach the screenshot to the prompt whatever the model's config says. */
  vision: z.boolean().optional(),
  /** The page's screenshot, attached when `vision` or the model's config asks for it. */
  screenshot: ArtifactRefV1.optional(),
  /**
   * The action-plan cache's step for this index: llm-svc replays it when every target is found on this page
   * (`samePage`: the page must also have the recorded shape, as for a run's first step), else plans with the
   * task's planner (or fails with CACHE_MISS under `cache_only`).
   */
  cache: z.object({ step: CachedStepV1, samePage: z.boolean() }).optional(),
});

/** Before a run completes: is the goal really met? The step's page, plus what the planner claims. */
export const CheckCompletionV1 = PlanStepV1.extend({
  /** The data of the planner's `complete` action (already valid against the extraction schema). */
  output: z.unknown(),
  /** The planner's reasoning for completing. */
  claim: z.string(),
});
export const CompletionCheckedV1 = z.object({
  ...stepRef,
  met: z.boolean(),
  /** Why (not) met; a "no" reaches the planner's history. */
  reason: z.string(),
  provider: z.string(),
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  fallback: z.boolean(),
  calls: z.array(LlmCallV1),
});
export const PlanGeneratedV1 = z.object({
  ...stepRef,
  actions: z.array(ActionV1).min(1),
  reasoning: z.string(),
  provider: z.string(),
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  attempts: z.number().int().positive(),
  /** Which planner made the plan; absent from llm-svc versions before planner selection (they are `llm`). */
  planner: PlannerKindV1.optional(),
  /** The heuristic planner's confidence (0–1); in `auto` the model plans instead below the threshold. */
  confidence: z.number().min(0).max(1).optional(),

  /** Prompt tokens served from the provider's cache (part of inputTokens). */
  cachedTokens: z.number().int().nonnegative().optional(),
  /** USD of every call of this step, failed and repaired ones included (price table in llm-svc config). */
  costUsd: z.number().nonnegative().optional(),
  /** True when the answer came from a fallback model, not the task's or the default one. */
  fallback: z.boolean().optional(),
  calls: z.array(LlmCallV1).optional(),
  /** Set when the command carried a cached step: replayed (`hit`, planner `cache`) or not, and why. */
  cache: z.object({ outcome: z.enum(['hit', 'miss']), reason: z.string().optional() }).optional(),
  /**
   * The plan as the action-plan cache would keep it (each target's print, how to re-read extracted data);
   * absent when an action's element is not in the page's tree. Payload values are still values here.
   */
  cachedStep: CachedStepV1.optional(),
});

// artifact-svc
export const ArtifactStoredV1 = z.object({
  ...taskRef,
  stepIndex: z.number().int().nullable(),
  artifact: ArtifactRefV1,
});

/** The failure event each service publishes when it cannot do what a command asked. */
export const ServiceFailedV1 = z.object({
  taskId: z.uuid(),
  stepIndex: z.number().int().nullable(),
  /** Subject of the command or query that failed. */
  operation: z.string(),
  error: ErrorInfoV1,
  /**
   * llm-svc only: the model calls made before it gave up (an answer that stayed invalid after its repair still cost
   * tokens). The orchestrator adds them to the step's and the run's usage. Absent from older senders.
   */
  calls: z.array(LlmCallV1).optional(),
});

// queries (core NATS request/reply)
export const GetArtifactV1 = z.object({ artifactId: z.uuid() });
export const ArtifactMetaV1 = z.object({
  artifactId: z.uuid(),
  orgId: z.string(),
  taskId: z.uuid().nullable(),
  kind: ArtifactKindV1,
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  /** Absent means `stored`. */
  state: ArtifactStateV1.optional(),
});

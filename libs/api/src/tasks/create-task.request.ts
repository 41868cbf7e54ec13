import { TaskSpecV1 } from '@webbyflow/contracts';
import { z } from 'zod';
import { IDEMPOTENCY_KEY_HEADER } from '../errors/query-error.mapper';
import { ApiException, ApiExceptionCode } from '../errors/api.exception';
import { parseRequest } from '../validation/request-parser';
import { BrowserOptionsRequest, toBrowserOptions } from './browser-options.request';
import { JsonSchemaChecker } from './json-schema.checker';
import { RecoveryRulesRequest, toRecoveryRules } from './recovery-rules.request';

const checker = new JsonSchemaChecker();
const spec = TaskSpecV1.shape;

/** `POST /v1/tasks` body: TaskSpecV1 with snake_case names, unknown fields rejected. */
export const CreateTaskRequest = z
  .strictObject({
    url: spec.url.describe('Page where the run starts (http or https).'),
    goal: spec.goal.describe('What to achieve on the site, in plain words.'),
    payload: spec.payload.describe('Data the run may type into the page, by key (e.g. name, email).'),
    extraction_schema: spec.extractionSchema
      .superRefine((schema, ctx) => {
        const problem = schema ? checker.problemWith(schema) : null;
        if (problem)
          ctx.addIssue({ code: 'custom', message: `is not a valid JSON Schema (draft 2020-12): ${problem}` });
      })
      .describe('JSON Schema (draft 2020-12) of the data to bring back in `output`.'),
    max_steps: spec.maxSteps.describe('Most page steps the run may take.'),
    webhook_url: spec.webhookUrl.describe('Called with the task view when the run finishes.'),
    timeout_seconds: spec.timeoutSeconds.describe(
      'Deadline of the run in seconds, counted from when it starts (waiting in the queue does not count).',
    ),
    priority: spec.priority.describe('Queued tasks start highest priority first (-10 to 10, default 0), then oldest.'),
    browser: BrowserOptionsRequest.optional(),
    planner: spec.planner.describe(
      'Who plans each step: `heuristic` (no model), `llm`, `auto` (the heuristic when confident, else the model), ' +
        'or `cache_only` (replay the action-plan cache; a step it cannot replay fails the run with CACHE_MISS). ' +
        "Default: the service's PLANNER_DEFAULT (`auto`); with no model configured `auto` is the heuristic alone. " +
        'Whatever the planner, a cached plan that fits the page is replayed first (see `plan_cache`).',
    ),
    plan_cache: spec.planCache.describe(
      'The action-plan cache: `use` (default) replays a cached plan of the same URL pattern, goal and payload keys ' +
        'with no model call and records the plan of a completed run; `refresh` bypasses the cache but records; ' +
        '`off` neither reads nor writes it.',
    ),
    model: spec.model.describe(
      "Model to plan with: `openai:gpt-4o`, `anthropic:claude-haiku-4-5`, or a bare name for the configured provider; default: the server's. The configured fallbacks follow it.",
    ),
    vision: spec.vision.describe('Send the page screenshot to the model on every step.'),
    max_cost: spec.maxCostUsd.describe(
      'Most USD the run may spend on model calls; reaching it fails the run with code MAX_COST_REACHED.',
    ),
    recovery_rules: RecoveryRulesRequest,
  })
  .describe('A website task: where to start, what to achieve, what to bring back.');
export type CreateTaskRequest = z.input<typeof CreateTaskRequest>;

/** Validates a `POST /v1/tasks` body and maps it to the task spec the orchestrator takes. */
export function parseCreateTaskRequest(body: unknown): TaskSpecV1 {
  const request = parseRequest(CreateTaskRequest, body);
  return {
    url: request.url,
    goal: request.goal,
    payload: request.payload,
    extractionSchema: request.extraction_schema,
    maxSteps: request.max_steps,
    webhookUrl: request.webhook_url,
    timeoutSeconds: request.timeout_seconds,
    ...(request.priority !== undefined ? { priority: request.priority } : {}),
    ...(request.browser ? { browser: toBrowserOptions(request.browser) } : {}),
    ...(request.planner !== undefined ? { planner: request.planner } : {}),
    ...(request.plan_cache !== undefined ? { planCache: request.plan_cache } : {}),

    ...(request.model !== undefined ? { model: request.model } : {}),
    ...(request.vision !== undefined ? { vision: request.vision } : {}),
    ...(request.max_cost !== undefined ? { maxCostUsd: request.max_cost } : {}),
    ...(request.recovery_rules?.length ? { recoveryRules: toRecoveryRules(request.recovery_rules) } : {}),
  };
}

const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/);

/** The `Idempotency-Key` header: absent, or 1 to 255 visible ASCII characters. */
export function parseIdempotencyKey(header: unknown): string | undefined {
  if (header === undefined) return undefined;
  if (IdempotencyKey.safeParse(header).success) return header as string;
  const field = { field: IDEMPOTENCY_KEY_HEADER, message: 'must be 1 to 255 visible ASCII characters (e.g. a UUID)' };
  throw new ApiException(ApiExceptionCode.VALIDATION_FAILED, `the ${field.field} header ${field.message}`, {
    fields: [field],
  });
}

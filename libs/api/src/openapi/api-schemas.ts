import { z } from 'zod';
import { ErrorResponse, FieldProblemResponse } from '../errors/error.response';
import { PlanCacheEntryResponse, PlanCacheEntriesResponse } from '../plan-cache/plan-cache.response';
import { CreateTaskRequest } from '../tasks/create-task.request';
import {
  ActionResponse,
  EventsResponse,
  RunEventResponse,
  TaskSummaryResponse,
  TasksResponse,
  StepResponse,
  StepsResponse,
  TaskArtifactResponse,
  TaskResponse,
} from '../tasks/task.response';
import {
  WebhookAttemptResponse,
  WebhookDeliveriesResponse,
  WebhookDeliveryResponse,
  WebhookSecretResponse,
} from '../webhooks/webhook.response';

/** Request bodies, documented as clients send them (fields with defaults are optional). */
const REQUEST_SCHEMAS = { CreateTaskRequest };
/** Response bodies, documented as the gateway sends them. */
const RESPONSE_SCHEMAS = {
  TaskResponse,
  TaskArtifactResponse,
  StepsResponse,
  StepResponse,
  ActionResponse,
  EventsResponse,
  RunEventResponse,
  TasksResponse,
  TaskSummaryResponse,
  WebhookDeliveriesResponse,
  WebhookDeliveryResponse,
  WebhookAttemptResponse,
  WebhookSecretResponse,
  PlanCacheEntriesResponse,
  PlanCacheEntryResponse,
  ErrorResponse,
  FieldProblemResponse,
};

export type ApiSchemaName = keyof typeof REQUEST_SCHEMAS | keyof typeof RESPONSE_SCHEMAS;
export type JsonSchemaObject = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';

/** An OpenAPI reference to one of the API's schemas. */
export const schemaRef = (name: ApiSchemaName) => ({ $ref: `${COMPONENTS}${name}` });

/**
 * OpenAPI 3.0 components of every request and response body, generated from the same zod schemas that
 * validate requests and type responses, so the document cannot drift from the code.
 */
export function apiSchemaComponents(): Record<ApiSchemaName, JsonSchemaObject> {
  return {
    ...componentsOf(REQUEST_SCHEMAS, 'input'),
    ...componentsOf(RESPONSE_SCHEMAS, 'output'),
  } as Record<ApiSchemaName, JsonSchemaObject>;
}

function componentsOf(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchemaObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: generated } = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
    uri: (id) => `${COMPONENTS}${id}`,
  });
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, id: _name, ...rest } = schema as JsonSchemaObject;
      return [id, tidy(rest, io) as JsonSchemaObject];
    }),
  );
}

/**
 * Drops what only adds noise for readers and generators: the regex behind a `format`, the safe-integer
 * bounds zod puts on every integer, and, in responses, `additionalProperties: false` (fields may be added).
 */
function tidy(value: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(value)) return value.map((item) => tidy(item, io));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as JsonSchemaObject).filter(([key, item]) => {
    const schema = value as JsonSchemaObject;
    if (key === 'pattern' && typeof schema.format === 'string') return false;
    if ((key === 'minimum' || key === 'maximum') && Math.abs(Number(item)) === Number.MAX_SAFE_INTEGER) return false;
    return !(key === 'additionalProperties' && item === false && io === 'output');
  });
  return Object.fromEntries(entries.map(([key, item]) => [key, tidy(item, io)]));
}

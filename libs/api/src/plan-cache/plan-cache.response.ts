import { PlanCacheEntryViewV1, type PlanCachePageV1 } from '@webbyflow/contracts';
import { z } from 'zod';

const entry = PlanCacheEntryViewV1.shape;

export const PlanCacheEntryResponse = z
  .object({
    id: entry.id,
    url_pattern: entry.urlPattern.describe('Normalised URL: lower-case host, record ids as `:id`, query keys only.'),
    goal: entry.goal.describe('Normalised goal (lower case, white space collapsed).'),
    payload_keys: entry.payloadKeys.describe('Dotted paths of the payload keys; payload values are never stored.'),
    steps: entry.steps,
    actions: entry.actions,
    hits: entry.hits.describe('Runs that replayed every step with no planner.'),
    misses: entry.misses.describe('Runs that found the entry but could not replay its first step on their page.'),
    heals: entry.heals.describe('Runs that replayed some steps and planned the rest (the entry was rewritten).'),
    source_task_id: entry.sourceTaskId.describe('The run the steps were last recorded from.'),
    last_used_at: entry.lastUsedAt,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
  })
  .describe('One entry of the action-plan cache: a recorded plan and how often it was replayed.');
export type PlanCacheEntryResponse = z.output<typeof PlanCacheEntryResponse>;

export const PlanCacheEntriesResponse = z
  .object({
    entries: z.array(PlanCacheEntryResponse),
    next_cursor: z.uuid().nullable().describe('pass as `after` for the next page; null on the last page'),
  })
  .describe("A page of the org's action-plan cache, most recently recorded first.");
export type PlanCacheEntriesResponse = z.output<typeof PlanCacheEntriesResponse>;

export function presentPlanCacheEntry(view: PlanCacheEntryViewV1): PlanCacheEntryResponse {
  return {
    id: view.id,
    url_pattern: view.urlPattern,
    goal: view.goal,
    payload_keys: view.payloadKeys,
    steps: view.steps,
    actions: view.actions,
    hits: view.hits,
    misses: view.misses,
    heals: view.heals,
    source_task_id: view.sourceTaskId,
    last_used_at: view.lastUsedAt,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}

export function presentPlanCache(page: z.infer<typeof PlanCachePageV1>): PlanCacheEntriesResponse {
  return { entries: page.entries.map(presentPlanCacheEntry), next_cursor: page.nextCursor };
}

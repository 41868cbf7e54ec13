import { z } from 'zod';
import { ActionV1 } from './action.schemas';

/**
 * How a cached action finds its element again on a later run, where ids differ (action-plan cache, issue #4):
 * what the element is and, when several look alike, which one of how many. Values are left out on purpose.
 */
export const ElementFingerprintV1 = z.object({
  role: z.string(),
  tag: z.string(),
  type: z.string().optional(),
  /** Accessible name, white space collapsed, lower case. */
  name: z.string(),
  placeholder: z.string().optional(),
  href: z.string().optional(),
  /** Frame part of the id (`f2` of `f2e7`; '' in the top frame). */
  frame: z.string(),
  /** Position among the elements with this same print, and how many there were. */
  nth: z.number().int().nonnegative(),
  of: z.number().int().positive(),
});
export type ElementFingerprintV1 = z.infer<typeof ElementFingerprintV1>;

/** Where one extracted field sat in the page text, so a replay reads it without a model. */
export const FieldLocatorV1 = z.object({
  field: z.string(),
  kind: z.enum(['string', 'number', 'boolean']),
  /** Text before the value on its line; '' when the value is the whole line. */
  before: z.string(),
  /** Text after the value on its line. */
  after: z.string(),
  /** The previous non-empty line, when the value is a line of its own (its label sits above it). */
  previousLine: z.string().optional(),
});
export type FieldLocatorV1 = z.infer<typeof FieldLocatorV1>;

/**
 * One planned action as the cache keeps it: payload values written as `{{payload.<key>}}` references, and
 * the prints of the elements it targets (`elementId`, and `targetElementId` for drag and drop).
 */
export const CachedActionV1 = z.object({
  action: ActionV1,
  targets: z.object({ elementId: ElementFingerprintV1.optional(), targetElementId: ElementFingerprintV1.optional() }),
  /** For a `complete` with data: how to read each field again; absent means the data cannot be replayed. */
  extraction: z.array(FieldLocatorV1).optional(),
});
export type CachedActionV1 = z.infer<typeof CachedActionV1>;

/** The actions of one step and the shape of the page they were planned on. */
export const CachedStepV1 = z.object({
  pageFingerprint: z.string(),
  actions: z.array(CachedActionV1).min(1),
});
export type CachedStepV1 = z.infer<typeof CachedStepV1>;

/** One entry of an org's action-plan cache, as the API lists it (no steps: they may be large). */
export const PlanCacheEntryViewV1 = z.object({
  id: z.uuid(),
  urlPattern: z.string(),
  goal: z.string(),
  payloadKeys: z.array(z.string()),
  steps: z.number().int().nonnegative(),
  actions: z.number().int().nonnegative(),
  /** Runs that replayed every step. */
  hits: z.number().int().nonnegative(),
  /** Runs that found the entry but could not replay its first step. */
  misses: z.number().int().nonnegative(),
  /** Runs that replayed some steps, then planned the rest (the entry was rewritten from them). */
  heals: z.number().int().nonnegative(),
  /** The run the steps were last recorded from. */
  sourceTaskId: z.uuid(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PlanCacheEntryViewV1 = z.infer<typeof PlanCacheEntryViewV1>;

export const ListPlanCacheV1 = z.object({
  /** Id of the last entry of the previous page. */
  after: z.uuid().nullable().default(null),
  limit: z.number().int().min(1).max(200).default(50),
});
export const PlanCachePageV1 = z.object({
  /** Most recently recorded first. */
  entries: z.array(PlanCacheEntryViewV1),
  nextCursor: z.uuid().nullable(),
});

import { z } from 'zod';

const base = { reasoning: z.string().max(2000).default('') };
const elementId = z.string().min(1).max(32);

/** A browser action decided by a planner. `complete` and `terminate` end the run. */
export const ActionV1 = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('click'), elementId }),
  z.object({
    ...base,
    type: z.literal('input_text'),
    elementId,
    text: z.string(),
    pressEnter: z.boolean().default(false),
  }),
  z.object({ ...base, type: z.literal('select_option'), elementId, option: z.string() }),
  z.object({ ...base, type: z.literal('checkbox'), elementId, checked: z.boolean() }),
  z.object({ ...base, type: z.literal('goto_url'), url: z.url() }),
  z.object({ ...base, type: z.literal('scroll'), direction: z.enum(['up', 'down']), elementId: elementId.optional() }),
  z.object({ ...base, type: z.literal('wait'), ms: z.number().int().min(0).max(30_000) }),
  z.object({ ...base, type: z.literal('complete'), data: z.unknown().optional() }),
  z.object({ ...base, type: z.literal('terminate'), reason: z.string().min(1) }),
]);
export type ActionV1 = z.infer<typeof ActionV1>;
export type ActionTypeV1 = ActionV1['type'];
export type BrowserActionV1 = Exclude<ActionV1, { type: 'complete' | 'terminate' }>;

export const BROWSER_ACTION_TYPES = [
  'click',
  'input_text',
  'select_option',
  'checkbox',
  'goto_url',
  'scroll',
  'wait',
] as const;

export function isBrowserAction(action: ActionV1): action is BrowserActionV1 {
  return (BROWSER_ACTION_TYPES as readonly string[]).includes(action.type);
}

/** What executing one browser action did. */
export const ActionResultV1 = z.object({
  success: z.boolean(),
  /** Set when success is false. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Page URL after the action. */
  url: z.string(),
  durationMs: z.number().int().nonnegative(),
});
export type ActionResultV1 = z.infer<typeof ActionResultV1>;

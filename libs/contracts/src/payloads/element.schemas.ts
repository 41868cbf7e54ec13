import { z } from 'zod';
import { DialogRecordV1 } from './action.schemas';

/**
 * One interactive element as sent onward: what a model needs, not raw HTML.
 * Adding an optional field is a compatible change; changing or removing one needs a v2 subject.
 */
export const ElementV1 = z.object({
  /**
   * Short id, stable while the element stays on the page: `e12` in the top frame, `f2e7` in frame 2
   * (any depth, same- or cross-origin). browser-svc maps it back to the frame and the node.
   */
  id: z.string().min(1).max(32),
  role: z.string(),
  /** Accessible name or label. */
  name: z.string(),
  tag: z.string(),
  type: z.string().optional(),
  /** Current value; passwords are masked. */
  value: z.string().optional(),
  placeholder: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string(), selected: z.boolean().optional() })).optional(),
  checked: z.boolean().optional(),
  /** For tabs, options and rows: aria-selected. */
  selected: z.boolean().optional(),
  disabled: z.boolean().optional(),
  readonly: z.boolean().optional(),
  required: z.boolean().optional(),
  /** The control fails its constraints or says aria-invalid. */
  invalid: z.boolean().optional(),
  expanded: z.boolean().optional(),
  href: z.string().optional(),
  text: z.string().optional(),
  /** The element appeared since the previous scrape of this tab (after the last action). */
  new: z.boolean().optional(),
  /** The form control's `name` attribute; read by the heuristic planner, not shown to models. */
  fieldName: z.string().max(200).optional(),
  /** The element's `id` attribute; read by the heuristic planner, not shown to models. */
  domId: z.string().max(200).optional(),
});
export type ElementV1 = z.infer<typeof ElementV1>;

export const TabV1 = z.object({ id: z.string(), url: z.string(), title: z.string(), active: z.boolean() });
export type TabV1 = z.infer<typeof TabV1>;

/** What the token budget left out of the tree, so the reader knows the page holds more. */
export const TreeBudgetV1 = z.object({
  /** Budget in tokens (o200k_base) of the element list and page text as the planner renders them. */
  maxTokens: z.number().int().positive(),
  tokens: z.number().int().nonnegative(),
  omittedElements: z.number().int().nonnegative(),
  omittedTextChars: z.number().int().nonnegative(),
});
export type TreeBudgetV1 = z.infer<typeof TreeBudgetV1>;

/** The scraped page: interactive elements plus the visible text a model reads to extract data. */
export const ElementTreeV1 = z.object({
  url: z.string(),
  title: z.string(),
  elements: z.array(ElementV1),
  /** Visible text of the page, in reading order, capped by browser-svc. */
  text: z.string(),
  /** True when elements or text were cut to fit the size cap or the token budget. */
  truncated: z.boolean(),
  budget: TreeBudgetV1.optional(),
  /** Open tabs, when there is more than one. */
  tabs: z.array(TabV1).optional(),
  /** Dialogs the page opened since the previous scrape. */
  dialogs: z.array(DialogRecordV1).optional(),
  /** A CAPTCHA was detected (`recaptcha`, `hcaptcha`, `turnstile`, `generic`): solving one is not supported. */
  captcha: z.string().optional(),
});
export type ElementTreeV1 = z.infer<typeof ElementTreeV1>;

import { z } from 'zod';

/** One interactive element as sent onward: what a model needs, not raw HTML. */
export const ElementV1 = z.object({
  /** Short id, unique within one scrape (e.g. `e12`); browser-svc maps it back to a locator. */
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
  disabled: z.boolean().optional(),
  required: z.boolean().optional(),
  expanded: z.boolean().optional(),
  href: z.string().optional(),
  text: z.string().optional(),
});
export type ElementV1 = z.infer<typeof ElementV1>;

/** The scraped page: interactive elements plus the visible text a model reads to extract data. */
export const ElementTreeV1 = z.object({
  url: z.string(),
  title: z.string(),
  elements: z.array(ElementV1),
  /** Visible text of the page, in reading order, capped by browser-svc. */
  text: z.string(),
  /** True when elements or text were cut to fit the size cap. */
  truncated: z.boolean(),
});
export type ElementTreeV1 = z.infer<typeof ElementTreeV1>;

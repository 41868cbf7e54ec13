import { z } from 'zod';

const base = { reasoning: z.string().max(2000).default('') };
const elementId = z.string().min(1).max(32);
/** Tab ids are `t0`, `t1`, … in the order browser-svc first saw the tab; the tree lists them. */
const tabId = z.string().regex(/^t\d{1,4}$/, 'a tab id such as t0 or t1, from the tabs of the latest scrape');

/** A file to put into an `<input type=file>`: an artifact of the same org, or a URL browser-svc downloads. */
export const UploadSourceV1 = z.union([
  z.object({ artifactId: z.uuid() }),
  z.object({ url: z.url({ protocol: /^https?$/ }), fileName: z.string().min(1).max(255).optional() }),
]);
export type UploadSourceV1 = z.infer<typeof UploadSourceV1>;

/**
 * A browser action decided by a planner. `complete` and `terminate` end the run.
 * Adding a variant or an optional field is a compatible change (consumers must tolerate unknown action types);
 * changing or removing one needs a v2 subject.
 */
export const ActionV1 = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('click'),
    elementId,
    /** `double` double-clicks, `right` opens the context menu; absent means single. */
    mode: z.enum(['single', 'double', 'right']).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('input_text'),
    elementId,
    text: z.string(),
    /** Empty the field first (absent means true); false appends. */
    clear: z.boolean().optional(),
    pressEnter: z.boolean().default(false),
  }),
  /** Native `<select>` or a custom combobox/listbox: the option is matched by label or value. */
  z.object({ ...base, type: z.literal('select_option'), elementId, option: z.string() }),
  /** Checkbox, radio, switch or an ARIA toggle. */
  z.object({ ...base, type: z.literal('checkbox'), elementId, checked: z.boolean() }),
  z.object({ ...base, type: z.literal('upload_file'), elementId, files: z.array(UploadSourceV1).min(1).max(10) }),
  z.object({ ...base, type: z.literal('hover'), elementId }),
  z.object({
    ...base,
    type: z.literal('scroll'),
    direction: z.enum(['up', 'down', 'left', 'right', 'top', 'bottom']),
    /** Scroll inside this element instead of the page. */
    elementId: elementId.optional(),
  }),
  /** A key or combination in Playwright's notation (`Enter`, `Control+A`, `Shift+Tab`); focused element when no id. */
  z.object({
    ...base,
    type: z.literal('keypress'),
    keys: z.string().min(1).max(100),
    elementId: elementId.optional(),
  }),
  z.object({ ...base, type: z.literal('drag_and_drop'), elementId, targetElementId: elementId }),
  z.object({ ...base, type: z.literal('goto_url'), url: z.url() }),
  z.object({ ...base, type: z.literal('go_back') }),
  z.object({ ...base, type: z.literal('go_forward') }),
  z.object({ ...base, type: z.literal('reload') }),
  z.object({ ...base, type: z.literal('new_tab'), url: z.url().optional() }),
  z.object({ ...base, type: z.literal('switch_tab'), tabId }),
  /** Closes the given tab, or the active one; the previous tab becomes active. */
  z.object({ ...base, type: z.literal('close_tab'), tabId: tabId.optional() }),
  /**
   * Without `text`, `elementId` or `settle`: waits `ms`. With one of them: waits until the text is visible,
   * the element is visible, or the page has settled, for at most `ms`.
   */
  z.object({
    ...base,
    type: z.literal('wait'),
    ms: z.number().int().min(0).max(30_000),
    text: z.string().min(1).max(200).optional(),
    elementId: elementId.optional(),
    settle: z.boolean().optional(),
  }),
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
  'upload_file',
  'hover',
  'scroll',
  'keypress',
  'drag_and_drop',
  'goto_url',
  'go_back',
  'go_forward',
  'reload',
  'new_tab',
  'switch_tab',
  'close_tab',
  'wait',
] as const satisfies readonly BrowserActionV1['type'][];

export function isBrowserAction(action: ActionV1): action is BrowserActionV1 {
  return (BROWSER_ACTION_TYPES as readonly string[]).includes(action.type);
}

/** A JavaScript dialog (alert, confirm, prompt, beforeunload) the page opened, and what browser-svc did. */
export const DialogRecordV1 = z.object({
  type: z.enum(['alert', 'confirm', 'prompt', 'beforeunload']),
  message: z.string(),
  handled: z.enum(['accepted', 'dismissed']),
  /** Text entered into a prompt. */
  promptText: z.string().optional(),
});
export type DialogRecordV1 = z.infer<typeof DialogRecordV1>;

/** A file the page downloaded, stored in the artifact store. */
export const DownloadRecordV1 = z.object({
  artifactId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().length(64),
});
export type DownloadRecordV1 = z.infer<typeof DownloadRecordV1>;

/** A download the page started that was not stored: over the size cap, failed, or not finished in time. */
export const FailedDownloadV1 = z.object({
  fileName: z.string(),
  /** `DOWNLOAD_TOO_LARGE`, `DOWNLOAD_FAILED`, `DOWNLOAD_TIMEOUT` or `DOWNLOAD_NOT_STORED`. */
  code: z.string(),
  message: z.string(),
});
export type FailedDownloadV1 = z.infer<typeof FailedDownloadV1>;

/** What executing one browser action did. */
export const ActionResultV1 = z.object({
  success: z.boolean(),
  /** Set when success is false. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Page URL after the action (of the active tab). */
  url: z.string(),
  durationMs: z.number().int().nonnegative(),
  /** Active tab after the action, when the page has more than one. */
  tabId: z.string().optional(),
  /** Tabs or popups the action opened (the newest becomes active). */
  openedTabs: z.array(z.string()).optional(),
  dialogs: z.array(DialogRecordV1).optional(),
  downloads: z.array(DownloadRecordV1).optional(),
  failedDownloads: z.array(FailedDownloadV1).optional(),
  /** The element id had gone stale; the target was found again by its fingerprint under this id. */
  refoundAs: z.string().optional(),
  /**
   * `unknown` when the action may have taken effect although it failed (e.g. a submit whose navigation
   * timed out): it must not be retried blindly.
   */
  outcome: z.enum(['done', 'not_done', 'unknown']).optional(),
});
export type ActionResultV1 = z.infer<typeof ActionResultV1>;

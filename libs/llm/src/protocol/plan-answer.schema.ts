import { z } from 'zod';
import type { ActionV1 } from '@webbyflow/contracts';

/** Name and version of the prompt/answer format documented in docs/planner-protocol.md. */
export const PLANNER_PROTOCOL_VERSION = 'planner protocol v2';

/** Most actions accepted in one answer. */
export const MAX_ACTIONS_PER_ANSWER = 20;

const reasoning = z.string().max(2000).optional();
const elementId = z.string().min(1).max(32);
const tabId = z.string().regex(/^t\d{1,4}$/, 'a tab id such as t0 or t1, from the tab list');
const httpUrl = z.url({ protocol: /^https?$/ });
// Models often write numbers for text fields (zip codes, quantities): accept and stringify them.
const text = z.union([z.string(), z.number()]).transform(String);
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const uploadFile = z.union([
  z.object({ artifact_id: z.uuid() }),
  z.object({ url: httpUrl, file_name: z.string().min(1).max(255).optional() }),
]);

/** One action as the model writes it (snake_case, `action` discriminator). Unknown keys are dropped. */
export const WireActionV1 = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('click'),
    element_id: elementId,
    mode: z.enum(['single', 'double', 'right']).optional(),
    reasoning,
  }),
  z.object({
    action: z.literal('input_text'),
    element_id: elementId,
    value: text,
    press_enter: bool.optional(),
    clear: bool.optional(),
    reasoning,
  }),
  z.object({ action: z.literal('select_option'), element_id: elementId, value: text, reasoning }),
  z.object({ action: z.literal('checkbox'), element_id: elementId, value: bool, reasoning }),
  z.object({
    action: z.literal('upload_file'),
    element_id: elementId,
    files: z.array(uploadFile).min(1).max(10),
    reasoning,
  }),
  z.object({ action: z.literal('hover'), element_id: elementId, reasoning }),
  z.object({
    action: z.literal('scroll'),
    value: z.enum(['up', 'down', 'left', 'right', 'top', 'bottom']),
    element_id: elementId.optional(),
    reasoning,
  }),
  z.object({
    action: z.literal('keypress'),
    value: z.string().min(1).max(100),
    element_id: elementId.optional(),
    reasoning,
  }),
  z.object({ action: z.literal('drag_and_drop'), element_id: elementId, target_element_id: elementId, reasoning }),
  z.object({ action: z.literal('goto_url'), value: httpUrl, reasoning }),
  z.object({ action: z.literal('go_back'), reasoning }),
  z.object({ action: z.literal('go_forward'), reasoning }),
  z.object({ action: z.literal('reload'), reasoning }),
  z.object({ action: z.literal('new_tab'), value: httpUrl.optional(), reasoning }),
  z.object({ action: z.literal('switch_tab'), value: tabId, reasoning }),
  z.object({ action: z.literal('close_tab'), value: tabId.optional(), reasoning }),
  z.object({
    action: z.literal('wait'),
    value: z.number().int().min(0).max(30_000),
    text: z.string().min(1).max(200).optional(),
    element_id: elementId.optional(),
    settle: bool.optional(),
    reasoning,
  }),
  z.object({ action: z.literal('complete'), extracted_data: z.unknown().optional(), reasoning }),
  z.object({ action: z.literal('terminate'), value: z.string().optional(), reasoning }),
]);
export type WireActionV1 = z.infer<typeof WireActionV1>;
export type WireActionType = WireActionV1['action'];

/** The whole answer: overall reasoning plus the actions to run in order. */
export const PlanAnswerV1 = z.object({
  reasoning: z.string().max(4000).default(''),
  actions: z.array(WireActionV1).min(1).max(MAX_ACTIONS_PER_ANSWER),
});
export type PlanAnswerV1 = z.infer<typeof PlanAnswerV1>;

/** `{a: undefined}` → `{}`, so a mapped action has only the keys the model gave. */
function defined<const T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Maps one wire action to the internal camelCase ActionV1. */
export function toActionV1(wire: WireActionV1): ActionV1 {
  const reasoning = wire.reasoning ?? '';
  switch (wire.action) {
    case 'click':
      return defined({ type: 'click', elementId: wire.element_id, mode: wire.mode, reasoning });
    case 'input_text':
      return defined({
        type: 'input_text',
        elementId: wire.element_id,
        text: wire.value,
        clear: wire.clear,
        pressEnter: wire.press_enter ?? false,
        reasoning,
      });
    case 'select_option':
      return { type: 'select_option', elementId: wire.element_id, option: wire.value, reasoning };
    case 'checkbox':
      return { type: 'checkbox', elementId: wire.element_id, checked: wire.value, reasoning };
    case 'upload_file':
      return {
        type: 'upload_file',
        elementId: wire.element_id,
        files: wire.files.map((f) =>
          'artifact_id' in f ? { artifactId: f.artifact_id } : defined({ url: f.url, fileName: f.file_name }),
        ),
        reasoning,
      };
    case 'hover':
      return { type: 'hover', elementId: wire.element_id, reasoning };
    case 'scroll':
      return defined({ type: 'scroll', direction: wire.value, elementId: wire.element_id, reasoning });
    case 'keypress':
      return defined({ type: 'keypress', keys: wire.value, elementId: wire.element_id, reasoning });
    case 'drag_and_drop':
      return {
        type: 'drag_and_drop',
        elementId: wire.element_id,
        targetElementId: wire.target_element_id,
        reasoning,
      };
    case 'goto_url':
      return { type: 'goto_url', url: wire.value, reasoning };
    case 'go_back':
    case 'go_forward':
    case 'reload':
      return { type: wire.action, reasoning };
    case 'new_tab':
      return defined({ type: 'new_tab', url: wire.value, reasoning });
    case 'switch_tab':
      return { type: 'switch_tab', tabId: wire.value, reasoning };
    case 'close_tab':
      return defined({ type: 'close_tab', tabId: wire.value, reasoning });
    case 'wait':
      return defined({
        type: 'wait',
        ms: wire.value,
        text: wire.text,
        elementId: wire.element_id,
        settle: wire.settle,
        reasoning,
      });
    case 'complete':
      return { type: 'complete', data: wire.extracted_data, reasoning };
    case 'terminate':
      return { type: 'terminate', reason: wire.value?.trim() || reasoning || 'the model gave no reason', reasoning };
  }
}

/** Maps a validated answer to the actions the orchestrator runs. */
export function toActionsV1(answer: PlanAnswerV1): ActionV1[] {
  return answer.actions.map(toActionV1);
}

import { z } from 'zod';
import type { ActionV1 } from '@webbyflow/contracts';

/** Name and version of the prompt/answer format documented in docs/planner-protocol.md. */
export const PLANNER_PROTOCOL_VERSION = 'planner protocol v1';

/** Most actions accepted in one answer. */
export const MAX_ACTIONS_PER_ANSWER = 20;

const reasoning = z.string().max(2000).optional();
const elementId = z.string().min(1).max(32);
// Models often write numbers for text fields (zip codes, quantities): accept and stringify them.
const text = z.union([z.string(), z.number()]).transform(String);
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/** One action as the model writes it (snake_case, `action` discriminator). Unknown keys are dropped. */
export const WireActionV1 = z.discriminatedUnion('action', [
  z.object({ action: z.literal('click'), element_id: elementId, reasoning }),
  z.object({
    action: z.literal('input_text'),
    element_id: elementId,
    value: text,
    press_enter: bool.optional(),
    reasoning,
  }),
  z.object({ action: z.literal('select_option'), element_id: elementId, value: text, reasoning }),
  z.object({ action: z.literal('checkbox'), element_id: elementId, value: bool, reasoning }),
  z.object({ action: z.literal('goto_url'), value: z.url({ protocol: /^https?$/ }), reasoning }),
  z.object({ action: z.literal('scroll'), value: z.enum(['up', 'down']), element_id: elementId.optional(), reasoning }),
  z.object({ action: z.literal('wait'), value: z.number().int().min(0).max(30_000), reasoning }),
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

/** Maps one wire action to the internal camelCase ActionV1. */
export function toActionV1(wire: WireActionV1): ActionV1 {
  const why = wire.reasoning ?? '';
  switch (wire.action) {
    case 'click':
      return { type: 'click', elementId: wire.element_id, reasoning: why };
    case 'input_text':
      return {
        type: 'input_text',
        elementId: wire.element_id,
        text: wire.value,
        pressEnter: wire.press_enter ?? false,
        reasoning: why,
      };
    case 'select_option':
      return { type: 'select_option', elementId: wire.element_id, option: wire.value, reasoning: why };
    case 'checkbox':
      return { type: 'checkbox', elementId: wire.element_id, checked: wire.value, reasoning: why };
    case 'goto_url':
      return { type: 'goto_url', url: wire.value, reasoning: why };
    case 'scroll':
      return wire.element_id === undefined
        ? { type: 'scroll', direction: wire.value, reasoning: why }
        : { type: 'scroll', direction: wire.value, elementId: wire.element_id, reasoning: why };
    case 'wait':
      return { type: 'wait', ms: wire.value, reasoning: why };
    case 'complete':
      return { type: 'complete', data: wire.extracted_data, reasoning: why };
    case 'terminate':
      return { type: 'terminate', reason: wire.value?.trim() || why || 'the model gave no reason', reasoning: why };
  }
}

/** Maps a validated answer to the actions the orchestrator runs. */
export function toActionsV1(answer: PlanAnswerV1): ActionV1[] {
  return answer.actions.map(toActionV1);
}

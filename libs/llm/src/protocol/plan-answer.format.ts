import { z } from 'zod';
import { PlanAnswerV1, PLANNER_PROTOCOL_VERSION, type LlmAnswerFormat } from '@webbyflow/llm';

/** An answer format from the zod schema the answer is validated with (its input side), so the two cannot drift. */
export function toAnswerFormat(name: string, description: string, schema: z.ZodType): LlmAnswerFormat {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return { name, description, schema: json };
}

/** Sent with every plan call: OpenAI's `json_schema` response format, Anthropic's forced tool. */
export const PLAN_ANSWER_FORMAT = toAnswerFormat(
  'submit_plan',
  `The next actions to run on the current page (${PLANNER_PROTOCOL_VERSION}).`,
  PlanAnswerV1,
);

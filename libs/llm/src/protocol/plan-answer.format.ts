import { z } from 'zod';
import { PlanAnswerV1, PLANNER_PROTOCOL_VERSION, type LlmAnswerFormat } from '@webbyflow/llm';

/** The JSON Schema of an answer, derived from the zod schema the parser validates with (input side). */
function answerJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(PlanAnswerV1, { io: 'input', unrepresentable: 'any' });
  return schema;
}

/** Sent with every plan call: OpenAI's `json_schema` response format, Anthropic's forced tool. */
export const PLAN_ANSWER_FORMAT: LlmAnswerFormat = {
  name: 'submit_plan',
  description: `The next actions to run on the current page (${PLANNER_PROTOCOL_VERSION}).`,
  schema: answerJsonSchema(),
};

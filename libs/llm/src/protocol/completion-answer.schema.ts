import { z } from 'zod';
import { toAnswerFormat } from '@webbyflow/llm';

/** The completion checker's verdict. */
export const CompletionAnswerV1 = z.object({
  met: z.boolean(),
  reason: z.string().trim().min(1).max(2000),
});
export type CompletionAnswerV1 = z.infer<typeof CompletionAnswerV1>;

/** Sent with every completion check: OpenAI's `json_schema` response format, Anthropic's forced tool. */
export const COMPLETION_ANSWER_FORMAT = toAnswerFormat(
  'submit_verdict',
  'Whether the goal of the task is really met, and why.',
  CompletionAnswerV1,
);

import type { z } from 'zod';
import type { PlanStepV1 } from '@webbyflow/contracts';

/** What the planner needs from a `PlanStepV1` command; the element tree is passed beside it. */
export type PlanInput = Pick<
  z.infer<typeof PlanStepV1>,
  'stepIndex' | 'goal' | 'payload' | 'extractionSchema' | 'url' | 'title' | 'history' | 'maxSteps'
>;

/** A chat turn as providers take it; the system prompt travels separately. */
export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface Prompt {
  system: string;
  messages: LlmMessage[];
}

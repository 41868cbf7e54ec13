import type { ActionV1, ElementTreeV1 } from '@webbyflow/contracts';
import { DeadlineException, DeadlineExceptionCode, withDeadline } from '@webbyflow/common';
import {
  LlmException,
  LlmExceptionCode,
  PlanAnswerParser,
  PromptBuilder,
  type LlmCompletion,
  type LlmMessage,
  type LlmProvider,
  type PlanInput,
} from '@webbyflow/llm';

export interface LlmPlannerOptions {
  /** Deadline of each model call. */
  timeoutMs: number;
  maxTokens: number;
  temperature: number;
}

/** What one planning step produced; maps onto `PlanGeneratedV1`. */
export interface PlanResult {
  actions: ActionV1[];
  reasoning: string;
  provider: string;
  model: string;
  /** Summed over attempts. */
  inputTokens: number;
  outputTokens: number;
  attempts: number;
}

/** A first answer that fails validation gets one repair turn; a second failure ends the step. */
export const MAX_PLAN_ATTEMPTS = 2;

/** Asks the model for the next actions on the current page (planner protocol v1). */
export class LlmPlannerService {
  constructor(
    private readonly provider: LlmProvider,
    private readonly options: LlmPlannerOptions,
    private readonly prompts = new PromptBuilder(),
    private readonly parser = new PlanAnswerParser(),
  ) {}

  async plan(input: PlanInput, tree: ElementTreeV1, signal?: AbortSignal): Promise<PlanResult> {
    const prompt = this.prompts.build(input, tree);
    const messages: LlmMessage[] = [...prompt.messages];
    const usage = { inputTokens: 0, outputTokens: 0, model: this.provider.model };
    let problems: string[] = [];
    for (let attempt = 1; attempt <= MAX_PLAN_ATTEMPTS; attempt++) {
      const completion = await this.call(prompt.system, messages, signal);
      usage.inputTokens += completion.inputTokens;
      usage.outputTokens += completion.outputTokens;
      usage.model = completion.model || usage.model;
      const parsed = this.parser.parse(completion.text, { tree, extractionSchema: input.extractionSchema });
      if (parsed.ok) {
        const reasoning = parsed.reasoning || parsed.actions[0]?.reasoning || '';
        return { actions: parsed.actions, reasoning, provider: this.provider.name, attempts: attempt, ...usage };
      }
      problems = parsed.problems;
      messages.push(
        { role: 'assistant', content: completion.text.trim() || '(empty answer)' },
        { role: 'user', content: this.prompts.repairMessage(problems) },
      );
    }
    throw new LlmException(
      LlmExceptionCode.PLAN_INVALID,
      `${this.provider.name} model ${usage.model} gave no valid plan in ${MAX_PLAN_ATTEMPTS} attempts; last answer: ${problems.join('; ')}`,
    );
  }

  private async call(system: string, messages: readonly LlmMessage[], parent?: AbortSignal): Promise<LlmCompletion> {
    const { timeoutMs, maxTokens, temperature } = this.options;
    const label = `${this.provider.name} completion`;
    try {
      return await withDeadline(
        label,
        timeoutMs,
        (signal) => this.provider.complete({ system, messages: [...messages], maxTokens, temperature, signal }),
        parent,
      );
    } catch (error) {
      throw toPlannerException(error, label, parent);
    }
  }
}

function toPlannerException(error: unknown, label: string, parent?: AbortSignal): LlmException {
  if (error instanceof DeadlineException && error.code === DeadlineExceptionCode.TIMEOUT) {
    return new LlmException(LlmExceptionCode.PROVIDER_ERROR, error.message, { cause: error });
  }
  if (parent?.aborted || error instanceof DeadlineException) {
    return new LlmException(LlmExceptionCode.ABORTED, `${label} aborted`, { cause: error });
  }
  if (error instanceof LlmException) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LlmException(LlmExceptionCode.PROVIDER_ERROR, `${label} failed: ${message}`, { cause: error });
}

import type { ActionV1, ElementTreeV1, LlmCallV1 } from '@webbyflow/contracts';
import {
  LlmException,
  LlmExceptionCode,
  PLAN_ANSWER_FORMAT,
  PlanAnswerParser,
  PromptBuilder,
  roundUsd,
  type LlmImage,
  type LlmMessage,
  type ModelChain,
  type PlanInput,
  type PriceTable,
  type Prompt,
  type RoutedModel,
} from '@webbyflow/llm';
import { callModel } from './model-call';

export interface LlmPlannerOptions {
  /** Deadline of each model call (time waiting for the endpoint's limiter excluded). */
  timeoutMs: number;
  maxTokens: number;
  temperature: number;
  prices: PriceTable;
}

/** Per-step choices the command carries. */
export interface PlanOptions {
  signal?: AbortSignal;
  /** The task's model; unset: the configured primary. */
  model?: string;
  /** The screenshot, sent to models that want it (`vision` on the endpoint) or to all when `vision` is set. */
  image?: LlmImage;
  vision?: boolean;
}

/** What one planning step produced; maps onto `PlanGeneratedV1`. */
export interface PlanResult {
  actions: ActionV1[];
  reasoning: string;
  provider: string;
  model: string;
  /** Summed over every call of the step, failed ones and fallbacks included. */
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costUsd: number;
  /** Answers asked of the model that answered (2 after a repair). */
  attempts: number;
  fallback: boolean;
  calls: LlmCallV1[];
}

/** A first answer that fails validation gets one repair turn; a second failure moves on to the next model. */
export const MAX_PLAN_ATTEMPTS = 2;

/** Asks the model chain for the next actions on the current page (planner protocol v1). */
export class LlmPlannerService {
  constructor(
    private readonly router: ModelChain,
    private readonly options: LlmPlannerOptions,
    private readonly prompts = new PromptBuilder(),
    private readonly parser = new PlanAnswerParser(),
  ) {}

  /** Tries the task's model (or the primary), then each fallback; throws the last failure when all fail. */
  async plan(input: PlanInput, tree: ElementTreeV1, options: PlanOptions = {}): Promise<PlanResult> {
    const prompt = this.prompts.build(input, tree);
    const calls: LlmCallV1[] = [];
    const failures: string[] = [];
    let last: LlmException | undefined;
    for (const [index, routed] of this.router.chain(options.model).entries()) {
      const image = options.vision || routed.endpoint.vision ? options.image : undefined;
      try {
        const answer = await this.planWith(routed, prompt, { input, tree, image, calls, signal: options.signal });
        return { ...answer, ...totals(calls), fallback: index > 0, calls };
      } catch (error) {
        if (!(error instanceof LlmException) || error.code === LlmExceptionCode.ABORTED) throw error;
        last = error;
        failures.push(`${routed.provider.name}/${routed.provider.model}: ${error.message}`);
      }
    }
    if (!last || failures.length === 1) throw last ?? new LlmException(LlmExceptionCode.PROVIDER_ERROR, 'no model');
    throw new LlmException(last.code, `every model failed: ${failures.join(' | ')}`, { cause: last });
  }

  private async planWith(
    routed: RoutedModel,
    prompt: Prompt,
    step: { input: PlanInput; tree: ElementTreeV1; image?: LlmImage; calls: LlmCallV1[]; signal?: AbortSignal },
  ): Promise<Pick<PlanResult, 'actions' | 'reasoning' | 'provider' | 'model' | 'attempts'>> {
    const messages: LlmMessage[] = [...prompt.messages];
    const { timeoutMs, maxTokens, temperature, prices } = this.options;
    let problems: string[] = [];
    for (let attempt = 1; attempt <= MAX_PLAN_ATTEMPTS; attempt++) {
      const request = { system: prompt.system, messages: [...messages], maxTokens, temperature };
      const { completion, error, record } = await callModel(
        routed,
        { ...request, answerFormat: PLAN_ANSWER_FORMAT, image: step.image },
        { timeoutMs, prices, repair: attempt > 1, parent: step.signal },
      );
      step.calls.push(record);
      if (!completion) throw error ?? new LlmException(LlmExceptionCode.PROVIDER_ERROR, 'no completion');
      const parsed = this.parser.parse(completion.text, {
        tree: step.tree,
        extractionSchema: step.input.extractionSchema,
      });
      if (parsed.ok) {
        const reasoning = parsed.reasoning || parsed.actions[0]?.reasoning || '';
        return {
          actions: parsed.actions,
          reasoning,
          provider: routed.provider.name,
          model: record.model,
          attempts: attempt,
        };
      }
      record.outcome = 'invalid';
      problems = parsed.problems;
      messages.push(
        { role: 'assistant', content: completion.text.trim() || '(empty answer)' },
        { role: 'user', content: this.prompts.repairMessage(problems) },
      );
    }
    throw new LlmException(
      LlmExceptionCode.PLAN_INVALID,
      `${routed.provider.name} model ${routed.provider.model} gave no valid plan in ${MAX_PLAN_ATTEMPTS} attempts; last answer: ${problems.join('; ')}`,
    );
  }
}

function totals(calls: readonly LlmCallV1[]) {
  return {
    inputTokens: calls.reduce((sum, call) => sum + call.inputTokens, 0),
    outputTokens: calls.reduce((sum, call) => sum + call.outputTokens, 0),
    cachedTokens: calls.reduce((sum, call) => sum + call.cachedTokens, 0),
    costUsd: roundUsd(calls.reduce((sum, call) => sum + call.costUsd, 0)),
  };
}

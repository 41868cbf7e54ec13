import type { ActionV1, ElementTreeV1 } from '@webbyflow/contracts';
import {
  PLAN_ANSWER_FORMAT,
  PlanAnswerParser,
  PromptBuilder,
  type LlmImage,
  type ModelChain,
  type PlanInput,
  type RoutedModel,
} from '@webbyflow/llm';
import { askModelChain, type ChainAnswer, type ModelCallSettings } from './model-chain.runner';

export type LlmPlannerOptions = ModelCallSettings;

/** Per-step choices the command carries. */
export interface PlanOptions {
  signal?: AbortSignal;
  /** The task's model; unset: the configured primary. */
  model?: string;
  /** The screenshot, sent to models that want it (`vision` on the endpoint) or to all when `vision` is set. */
  image?: LlmImage;
  vision?: boolean;
}

/** What one planning step produced; maps onto `PlanGeneratedV1`. Tokens and cost cover every call of the step. */
export type PlanResult = Omit<ChainAnswer<unknown>, 'value'> & { actions: ActionV1[]; reasoning: string };

/** What a plan made without a model reports: one attempt, no tokens, no cost, no calls. */
export function noModelUsage(provider: string, model: string): Omit<PlanResult, 'actions' | 'reasoning'> {
  return {
    provider,
    model,
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    costUsd: 0,
    attempts: 1,
    fallback: false,
    calls: [],
  };
}

/** The image for a model: when the step asks for vision, or the model's endpoint is configured for it. */
export const imageFor = (options: PlanOptions) => (routed: RoutedModel) =>
  options.vision || routed.endpoint.vision ? options.image : undefined;

/** Asks the model chain for the next actions on the current page (planner protocol v2). */
export class LlmPlannerService {
  constructor(
    private readonly router: ModelChain,
    private readonly options: LlmPlannerOptions,
    private readonly prompts = new PromptBuilder(),
    private readonly parser = new PlanAnswerParser(),
  ) {}

  /** Tries the task's model (or the primary), then each fallback; throws the last failure when all fail. */
  async plan(input: PlanInput, tree: ElementTreeV1, options: PlanOptions = {}): Promise<PlanResult> {
    const { value, ...answer } = await askModelChain(
      this.router.chain(options.model),
      {
        prompt: this.prompts.build(input, tree),
        format: PLAN_ANSWER_FORMAT,
        parse: (text) => {
          const parsed = this.parser.parse(text, { tree, extractionSchema: input.extractionSchema });
          return parsed.ok ? { ok: true, value: parsed } : parsed;
        },
        repairMessage: (problems) => this.prompts.repairMessage(problems),
        imageFor: imageFor(options),
        signal: options.signal,
      },
      this.options,
    );
    const reasoning = value.reasoning || value.actions[0]?.reasoning || '';
    return { ...answer, actions: value.actions, reasoning };
  }
}

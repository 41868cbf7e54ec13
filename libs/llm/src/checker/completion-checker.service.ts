import type { ElementTreeV1 } from '@webbyflow/contracts';
import {
  COMPLETION_ANSWER_FORMAT,
  CompletionAnswerV1,
  imageFor,
  PromptBuilder,
  type ChainAnswer,
  type LlmPlannerOptions,
  type ModelChain,
  type PlanInput,
  type PlanOptions,
} from '@webbyflow/llm';
import { askModelChain } from '../planner/model-chain.runner';

/** The planner's claim the checker judges. */
export interface CompletionClaim {
  output: unknown;
  reasoning: string;
}

/** The verdict, with what it took (maps onto `CompletionCheckedV1`). */
export type CompletionVerdict = Omit<ChainAnswer<unknown>, 'value'> & CompletionAnswerV1;

/**
 * Asks the model chain, separately from planning, whether the goal is really met on the current page before a
 * run is marked completed. Same chain, limits, repair and accounting as the planner.
 */
export class CompletionChecker {
  constructor(
    private readonly router: ModelChain,
    private readonly options: LlmPlannerOptions,
    private readonly prompts = new PromptBuilder(),
  ) {}

  async check(
    input: PlanInput,
    tree: ElementTreeV1,
    claim: CompletionClaim,
    options: PlanOptions = {},
  ): Promise<CompletionVerdict> {
    const { value, ...answer } = await askModelChain(
      this.router.chain(options.model),
      {
        prompt: this.prompts.completionCheck(input, tree, claim),
        format: COMPLETION_ANSWER_FORMAT,
        parse: parseVerdict,
        repairMessage: (problems) =>
          [
            'Your previous answer was rejected by the validator:',
            ...problems.map((problem) => `- ${problem}`),
            'Reply again with one JSON object {"met": true|false, "reason": "..."}, nothing else.',
          ].join('\n'),
        imageFor: imageFor(options),
        signal: options.signal,
      },
      this.options,
    );
    return { ...answer, ...value };
  }
}

function parseVerdict(text: string): { ok: true; value: CompletionAnswerV1 } | { ok: false; problems: string[] } {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*|\s*```$/g, '')
    .trim();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problems: ['the answer is not a JSON object'] };
  }
  const parsed = CompletionAnswerV1.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}

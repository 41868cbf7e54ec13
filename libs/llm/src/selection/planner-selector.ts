import type { CachedStepV1, ElementTreeV1, PlannerKindV1, PlannerModeV1 } from '@webbyflow/contracts';
import { noModelUsage, type PlanOptions, type PlanResult } from '../planner/llm-planner.service';
import type { PlanInput } from '../prompt/plan-input';
import { replayCachedStep, toCachedStep } from '../plan-cache/cached-step';
import { HeuristicPlannerService } from '../heuristic/heuristic-planner.service';
import { PlannerSelectionException, PlannerSelectionExceptionCode } from './planner-selection.exception';

/** The interface every planner offers llm-svc: the next actions for one scraped page. */
export interface StepPlanner {
  plan(input: PlanInput, tree: ElementTreeV1, options?: PlanOptions): Promise<PlanResult>;
}

/** A plan and the planner that made it; `confidence` when the heuristic was asked. */
export interface SelectedPlan extends PlanResult {
  planner: PlannerKindV1;
  confidence?: number;
  /** Set when the step came with a cached step: replayed or not, and why not. */
  cache?: { outcome: 'hit' | 'miss'; reason?: string };
  /** The plan as the action-plan cache keeps it; undefined when a target is not in the page's tree. */
  cachedStep?: CachedStepV1;
}

/** What a step asks of the selector: the planner mode, and the cache's step for it when there is one. */
export type SelectionInput = PlanInput & {
  planner?: PlannerModeV1;
  cache?: { step: CachedStepV1; samePage: boolean };
};

export interface PlannerSelectorOptions {
  /** In `auto`, the heuristic's plan is used at or above this confidence; below it the model plans. */
  minConfidence: number;
  /** The planner of tasks that name none. */
  defaultMode: PlannerModeV1;
}

/**
 * Picks the planner of a step: a cached step that fits the page is replayed with no planner at all;
 * otherwise `heuristic` always plans without a model, `llm` always asks the model, `auto` uses the heuristic
 * when it is confident and the model otherwise, and `cache_only` fails the run (CACHE_MISS). With no model
 * configured (`llm` null), `auto` is the heuristic alone and `llm` fails the run.
 */
export class PlannerSelector {
  constructor(
    private readonly llm: StepPlanner | null,
    private readonly options: PlannerSelectorOptions,
    private readonly heuristic = new HeuristicPlannerService(),
  ) {}

  async plan(input: SelectionInput, tree: ElementTreeV1, options: PlanOptions = {}): Promise<SelectedPlan> {
    const replay = input.cache ? replayCachedStep(input.cache.step, tree, { samePage: input.cache.samePage }) : null;
    if (replay?.kind === 'hit') {
      const plan: SelectedPlan = {
        ...noModelUsage('cache', 'action-plan-cache'),
        actions: replay.actions,
        reasoning: 'Replayed from the action-plan cache: every target was found on this page.',
        planner: 'cache',
        cache: { outcome: 'hit' },
      };
      return { ...plan, cachedStep: toCachedStep(plan.actions, tree) };
    }
    const miss = replay ? { outcome: 'miss' as const, reason: replay.reason } : undefined;
    const plan = await this.planAfresh(input, tree, options, miss?.reason);
    return { ...plan, ...(miss ? { cache: miss } : {}), cachedStep: toCachedStep(plan.actions, tree) };
  }

  private async planAfresh(
    input: SelectionInput,
    tree: ElementTreeV1,
    options: PlanOptions,
    missReason: string | undefined,
  ): Promise<SelectedPlan> {
    const mode = input.planner ?? this.options.defaultMode;
    if (mode === 'cache_only')
      throw new PlannerSelectionException(
        PlannerSelectionExceptionCode.CACHE_MISS,
        `the task asked for planner "cache_only" and the cached plan does not fit step ${input.stepIndex}: ${missReason ?? 'the cache has no step for it'} (run the task once with planner "auto", "llm" or "heuristic" to record a plan)`,
      );
    if (mode === 'llm') return this.askModel(input, tree, options, '');
    const heuristic = await this.heuristic.plan(input, tree);
    if (mode === 'heuristic' || !this.llm || heuristic.confidence >= this.options.minConfidence)
      return { ...heuristic, planner: 'heuristic' };
    const why = `Heuristic confidence ${heuristic.confidence} < ${this.options.minConfidence} (${heuristic.reasoning}); the model planned. `;
    return { ...(await this.askModel(input, tree, options, why)), confidence: heuristic.confidence };
  }

  private async askModel(
    input: PlanInput,
    tree: ElementTreeV1,
    options: PlanOptions,
    why: string,
  ): Promise<SelectedPlan> {
    if (!this.llm)
      throw new PlannerSelectionException(
        PlannerSelectionExceptionCode.MODEL_NOT_CONFIGURED,
        'the task asked for the llm planner but llm-svc has no model configured (set LLM_API_KEY or LLM_BASE_URL, or use planner "heuristic" or "auto")',
      );
    const plan = await this.llm.plan(input, tree, options);
    return { ...plan, reasoning: `${why}${plan.reasoning}`, planner: 'llm' };
  }
}

/**
 * A model is configured when a key or a base URL is set; without either there is nothing to call
 * (the provider's own API needs a key), so `auto` plans with the heuristic alone.
 */
export function isModelConfigured(env: { LLM_API_KEY?: string; LLM_BASE_URL?: string }): boolean {
  return Boolean(env.LLM_API_KEY || env.LLM_BASE_URL);
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import { withDeadline } from '@webbyflow/common';
import { ElementTreeV1, type PayloadOf } from '@webbyflow/contracts';
import {
  CompletionChecker,
  PlannerSelector,
  toLlmConfig,
  type CompletionVerdict,
  type LlmImage,
  type PlanOptions,
  type PlanResult,
  type SelectedPlan,
} from '@webbyflow/llm';
import { LLM_SVC_CONFIG, planStepTimeoutMs, type LlmSvcConfig } from '../config/llm-svc.config';

export type PlanStep = PayloadOf<'webbyflow.cmd.llm.plan_step.v1'>;
export type CheckCompletion = PayloadOf<'webbyflow.cmd.llm.check_completion.v1'>;

/**
 * Plans one step with the task's planner, or checks a claimed completion: reads the element tree (and the
 * screenshot for vision) from artifact-svc and asks the planner or the models, all under the step's deadline.
 */
@Injectable()
export class PlanStepService {
  private readonly logger = new Logger(PlanStepService.name);
  private readonly timeoutMs: number;
  /** Some configured model wants the screenshot on every step. */
  private readonly anyVisionModel: boolean;

  constructor(
    private readonly artifacts: ArtifactClient,
    private readonly planner: PlannerSelector,
    @Inject(LLM_SVC_CONFIG) config: LlmSvcConfig,
    private readonly checker?: CompletionChecker,
  ) {
    this.timeoutMs = planStepTimeoutMs(config);
    const llm = toLlmConfig(config);
    this.anyVisionModel = [llm, ...llm.fallbacks].some((endpoint) => endpoint.vision);
  }

  async plan(step: PlanStep, orgId: string): Promise<SelectedPlan> {
    const result = await this.onPage(step, orgId, 'plan', (tree, options) => this.planner.plan(step, tree, options));
    const confidence = result.confidence === undefined ? '' : `, confidence ${result.confidence}`;
    const cache = result.cache?.outcome === 'miss' ? ` (cached step not replayed: ${result.cache.reason})` : '';
    this.log(
      step,
      `${result.planner} planner${confidence}: planned ${result.actions.length} action(s)${cache}`,
      result,
    );
    return result;
  }

  async check(step: CheckCompletion, orgId: string): Promise<CompletionVerdict> {
    const checker = this.checker;
    if (!checker) throw new Error('PlanStepService was built without a CompletionChecker');
    const claim = { output: step.output, reasoning: step.claim };
    const verdict = await this.onPage(step, orgId, 'completion check', (tree, options) =>
      checker.check(step, tree, claim, options),
    );
    this.log(step, `completion check: ${verdict.met ? 'met' : 'not met'}`, verdict);
    return verdict;
  }

  private onPage<T>(
    step: PlanStep,
    orgId: string,
    what: string,
    work: (tree: ElementTreeV1, options: PlanOptions) => Promise<T>,
  ): Promise<T> {
    const label = `${what} of step ${step.stepIndex} of task ${step.taskId}`;
    return withDeadline(label, this.timeoutMs, async (signal) => {
      const tree = await this.artifacts.downloadJson(step.elementTree.artifactId, orgId, ElementTreeV1, signal);
      const image = await this.screenshot(step, orgId, signal);
      return work(tree, { signal, model: step.model, vision: step.vision, image });
    });
  }

  private log(step: PlanStep, what: string, result: Omit<PlanResult, 'actions' | 'reasoning'>): void {
    const fallback = result.fallback ? ' (fallback)' : '';
    this.logger.log(
      `task ${step.taskId} step ${step.stepIndex}: ${result.provider}/${result.model}${fallback} ${what} in ` +
        `${result.calls.length} call(s); tokens in=${result.inputTokens} out=${result.outputTokens} ` +
        `cached=${result.cachedTokens} cost=$${result.costUsd}`,
    );
  }

  private async screenshot(step: PlanStep, orgId: string, signal: AbortSignal): Promise<LlmImage | undefined> {
    const ref = step.screenshot;
    if (!ref || !(step.vision || this.anyVisionModel)) return undefined;
    const mediaType = ref.contentType === 'image/png' ? 'image/png' : 'image/jpeg';
    const bytes = await this.artifacts.download(ref.artifactId, orgId, signal);
    return { mediaType, base64: bytes.toString('base64') };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import { withDeadline } from '@webbyflow/common';
import { ElementTreeV1, type PayloadOf } from '@webbyflow/contracts';
import { LlmPlannerService, toLlmConfig, type LlmImage, type PlanResult } from '@webbyflow/llm';
import { LLM_SVC_CONFIG, planStepTimeoutMs, type LlmSvcConfig } from '../config/llm-svc.config';

export type PlanStep = PayloadOf<'webbyflow.cmd.llm.plan_step.v1'>;

/** Plans one step: reads the element tree (and the screenshot for vision) from artifact-svc and asks the models. */
@Injectable()
export class PlanStepService {
  private readonly logger = new Logger(PlanStepService.name);
  private readonly timeoutMs: number;
  /** Some configured model wants the screenshot on every step. */
  private readonly anyVisionModel: boolean;

  constructor(
    private readonly artifacts: ArtifactClient,
    private readonly planner: LlmPlannerService,
    @Inject(LLM_SVC_CONFIG) config: LlmSvcConfig,
  ) {
    this.timeoutMs = planStepTimeoutMs(config);
    const llm = toLlmConfig(config);
    this.anyVisionModel = [llm, ...llm.fallbacks].some((endpoint) => endpoint.vision);
  }

  async plan(step: PlanStep, orgId: string): Promise<PlanResult> {
    const { taskId, stepIndex } = step;
    const result = await withDeadline(`plan step ${stepIndex} of task ${taskId}`, this.timeoutMs, async (signal) => {
      const tree = await this.artifacts.downloadJson(step.elementTree.artifactId, orgId, ElementTreeV1, signal);
      const image = await this.screenshot(step, orgId, signal);
      return this.planner.plan(step, tree, { signal, model: step.model, vision: step.vision, image });
    });
    const fallback = result.fallback ? ' (fallback)' : '';
    this.logger.log(
      `task ${taskId} step ${stepIndex}: ${result.provider}/${result.model}${fallback} planned ${result.actions.length} ` +
        `action(s) in ${result.calls.length} call(s); tokens in=${result.inputTokens} out=${result.outputTokens} ` +
        `cached=${result.cachedTokens} cost=$${result.costUsd}`,
    );
    return result;
  }

  private async screenshot(step: PlanStep, orgId: string, signal: AbortSignal): Promise<LlmImage | undefined> {
    const ref = step.screenshot;
    if (!ref || !(step.vision || this.anyVisionModel)) return undefined;
    const mediaType = ref.contentType === 'image/png' ? 'image/png' : 'image/jpeg';
    const bytes = await this.artifacts.download(ref.artifactId, orgId, signal);
    return { mediaType, base64: bytes.toString('base64') };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { ArtifactClient } from '@webbyflow/artifact-client';
import { withDeadline } from '@webbyflow/common';
import { ElementTreeV1, type PayloadOf } from '@webbyflow/contracts';
import { PlannerSelector, type SelectedPlan } from '@webbyflow/llm';
import { LLM_SVC_CONFIG, planStepTimeoutMs, type LlmSvcConfig } from '../config/llm-svc.config';

export type PlanStep = PayloadOf<'webbyflow.cmd.llm.plan_step.v1'>;

/** Plans one step: reads the scraped element tree from artifact-svc and asks the task's planner for actions. */
@Injectable()
export class PlanStepService {
  private readonly logger = new Logger(PlanStepService.name);
  private readonly timeoutMs: number;

  constructor(
    private readonly artifacts: ArtifactClient,
    private readonly planner: PlannerSelector,
    @Inject(LLM_SVC_CONFIG) config: LlmSvcConfig,
  ) {
    this.timeoutMs = planStepTimeoutMs(config);
  }

  async plan(step: PlanStep, orgId: string): Promise<SelectedPlan> {
    const { taskId, stepIndex } = step;
    const result = await withDeadline(`plan step ${stepIndex} of task ${taskId}`, this.timeoutMs, async (signal) => {
      const tree = await this.artifacts.downloadJson(step.elementTree.artifactId, orgId, ElementTreeV1, signal);
      return this.planner.plan(step, tree, signal);
    });
    this.logger.log(
      `task ${taskId} step ${stepIndex}: ${result.planner} planner (${result.provider}/${result.model}` +
        `${result.confidence === undefined ? '' : `, confidence ${result.confidence}`}) planned ${result.actions.length} action(s) ` +
        `in ${result.attempts} attempt(s); tokens in=${result.inputTokens} out=${result.outputTokens}`,
    );
    return result;
  }
}

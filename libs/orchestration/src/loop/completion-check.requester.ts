import { Inject, Injectable } from '@nestjs/common';
import type { ArtifactRefV1, HistoryEntryV1 } from '@webbyflow/contracts';
import { ArtifactEntity, type StepEntity, type TaskEntity } from '@webbyflow/persistence';
import { In } from 'typeorm';
import { ORCHESTRATION_CONFIG, type OrchestrationConfig } from '../orchestration.config';
import type { RunContext } from './run-context';
import { RunPublisher } from './run-publisher';

/** Providers whose "complete" is checked; other planners (heuristic, cache) have no model to ask. */
const CHECKED_PROVIDERS: ReadonlySet<string> = new Set(['openai', 'anthropic']);

/** Sends llm-svc's completion check for a step whose LLM plan says the goal is reached. */
@Injectable()
export class CompletionCheckRequester {
  constructor(
    private readonly publisher: RunPublisher,
    @Inject(ORCHESTRATION_CONFIG) private readonly config: OrchestrationConfig,
  ) {}

  wanted(step: StepEntity): boolean {
    return this.config.ORCHESTRATOR_COMPLETION_CHECK && CHECKED_PROVIDERS.has(step.provider ?? '');
  }

  /** False when the step's page is not in the artifacts table (the run then completes unchecked). */
  async request(
    ctx: RunContext,
    task: TaskEntity,
    step: StepEntity,
    history: HistoryEntryV1[],
    claim: { output: unknown; reasoning: string },
  ): Promise<boolean> {
    const ids = [step.elementTreeArtifactId, step.screenshotArtifactId].filter((id): id is string => id !== null);
    const rows = ids.length > 0 ? await ctx.em.findBy(ArtifactEntity, { id: In(ids) }) : [];
    const ref = (id: string | null): ArtifactRefV1 | undefined => {
      const row = rows.find((r) => r.id === id);
      if (!row) return undefined;
      const { kind, contentType, sizeBytes, sha256 } = row;
      return { artifactId: row.id, kind, contentType, sizeBytes, sha256 };
    };
    const tree = ref(step.elementTreeArtifactId);
    if (!tree) return false;
    const page = { tree, screenshot: ref(step.screenshotArtifactId) };
    await this.publisher.checkCompletion(ctx.em, task, step, page, history, claim, ctx.causationId ?? task.id);
    return true;
  }
}

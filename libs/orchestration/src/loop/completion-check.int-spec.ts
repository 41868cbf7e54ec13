import type { PayloadOf } from '@webbyflow/contracts';
import { ArtifactEntity } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';
import type { TaskService } from '../tasks/task.service';
import { AgentLoopService } from './agent-loop.service';
import { AgentLoopHarness, artifactRef } from '../testing/agent-loop.harness';

type Verdict = PayloadOf<'webbyflow.evt.llm.completion_checked.v1'>;

describe(`${AgentLoopService.name} with the completion check on`, () => {
  let h: AgentLoopHarness;
  let tasks: TaskService;
  let orgId: string;

  beforeAll(async () => {
    h = await AgentLoopHarness.start('loop_check', { ORCHESTRATOR_COMPLETION_CHECK: 'true' });
    ({ tasks, orgId } = h);
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** The check points llm-svc at the step's page, found in the artifacts table as artifact-svc stored it. */
  const stored = async (taskId: string, kind: 'element_tree' | 'screenshot') => {
    const row = artifactRef(kind);
    const { artifactId: id, contentType, sizeBytes, sha256 } = row;
    await h.app.get(DataSource).getRepository(ArtifactEntity).insert({
      id,
      orgId,
      taskId,
      stepIndex: 0,
      kind,
      contentType,
      sizeBytes,
      sha256,
      storageDriver: 'local',
      storageKey: id,
    });
    return row;
  };
  /** llm-svc's answer to the check of step `stepIndex`; by default an OpenAI call of 7 + 3 tokens. */
  const checked = (taskId: string, stepIndex: number, verdict: Pick<Verdict, 'met' | 'reason'> & Partial<Verdict>) =>
    h.loop.onCompletionChecked(
      h.envelope('webbyflow.evt.llm.completion_checked.v1', taskId, {
        taskId,
        stepIndex,
        provider: 'openai',
        model: 'm',
        inputTokens: 7,
        outputTokens: 3,
        cachedTokens: 0,
        costUsd: 0.001,
        fallback: false,
        calls: [],
        ...verdict,
      }),
    );

  it('should complete only on a "yes" of the completion check, and continue with the reason on a "no"', async () => {
    const id = await h.startRun({ maxSteps: 3 });
    const page = { tree: await stored(id, 'element_tree'), shot: await stored(id, 'screenshot') };
    await h.scraped(id, 0, page);
    await h.planned(id, 0, [{ type: 'complete', data: { n: 'WF-1' }, reasoning: 'the page says sent' }]);

    expect(await h.status(id)).toBe('running');
    expect(await h.lastCommand('webbyflow.cmd.llm.check_completion.v1')).toMatchObject({
      payload: {
        taskId: id,
        stepIndex: 0,
        output: { n: 'WF-1' },
        claim: 'the page says sent',
        elementTree: page.tree,
      },
    });
    await checked(id, 0, { met: false, reason: 'no confirmation message is shown' });

    expect(await h.status(id)).toBe('running');
    await h.scraped(id, 1);
    const plan = await h.lastCommand('webbyflow.cmd.llm.plan_step.v1');
    expect(JSON.stringify(plan?.payload.history)).toContain('goal not met: no confirmation message is shown');
    await h.planned(id, 1, [{ type: 'complete', data: { n: 'WF-2' }, reasoning: '' }]);
    // Without the page in the artifacts table there is nothing to check against: the run completes.
    expect(await tasks.get(orgId, id)).toMatchObject({
      status: 'completed',
      output: { n: 'WF-2' },
      usage: { inputTokens: 27, outputTokens: 13, llmCalls: 2 },
    });
    const { steps } = await tasks.steps(orgId, id);
    expect(steps[0].actions).toEqual([
      expect.objectContaining({
        type: 'complete',
        status: 'failed',
        result: expect.objectContaining({ success: false }),
      }),
    ]);
  });

  it('should complete the run when the completion check says the goal is met', async () => {
    const id = await h.startRun();
    const tree = await stored(id, 'element_tree');
    await h.scraped(id, 0, { tree, shot: artifactRef('screenshot') });
    await h.planned(id, 0, [{ type: 'complete', data: null, reasoning: '' }]);
    expect(await h.status(id)).toBe('running');

    await checked(id, 0, {
      met: true,
      reason: 'the confirmation is shown',
      provider: 'anthropic',
      inputTokens: 1,
      outputTokens: 1,
      costUsd: 0,
    });

    expect(await tasks.get(orgId, id)).toMatchObject({ status: 'completed', output: null });
  });
});

import { Logger } from '@nestjs/common';
import type { ArtifactClient } from '@webbyflow/artifact-client';
import { DeadlineExceptionCode, toErrorInfo } from '@webbyflow/common';
import type { ElementTreeV1 } from '@webbyflow/contracts';
import type { PlannerSelector, SelectedPlan } from '@webbyflow/llm';
import { loadLlmSvcConfig } from '../config/llm-svc.config';
import { PlanStepService, type PlanStep } from './plan-step.service';

const tree: ElementTreeV1 = { url: 'http://127.0.0.1/', title: 'Home', elements: [], text: '', truncated: false };
const result: SelectedPlan = {
  planner: 'llm',
  actions: [{ type: 'wait', ms: 10, reasoning: '' }],
  reasoning: 'wait',
  provider: 'openai',
  model: 'm',
  inputTokens: 10,
  outputTokens: 2,
  cachedTokens: 0,
  costUsd: 0,
  attempts: 1,
  fallback: false,
  calls: [],
};
const step: PlanStep = {
  taskId: '6f1c2f6e-8f5e-4c1a-9d55-1f1d1b8a2c11',
  stepIndex: 1,
  goal: 'g',
  payload: {},
  extractionSchema: null,
  url: 'http://127.0.0.1/',
  title: 'Home',
  elementTree: {
    artifactId: '0b7f7d4e-5a7a-4c55-8a6e-2f4d2b9b9c10',
    kind: 'element_tree',
    contentType: 'application/json',
    sizeBytes: 2,
    sha256: 'a'.repeat(64),
  },
  history: [],
  maxSteps: 3,
};

describe(PlanStepService.name, () => {
  const downloadJson = jest.fn();
  const download = jest.fn();
  const plan = jest.fn();
  const service = (env: Record<string, string> = {}) =>
    new PlanStepService(
      { downloadJson, download } as unknown as ArtifactClient,
      { plan } as unknown as PlannerSelector,
      loadLlmSvcConfig({ INSTANCE_ID: 'llm-1', ...env }),
    );
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => jest.resetAllMocks());

  it('should plan on the downloaded tree of the org under one abort signal', async () => {
    downloadJson.mockResolvedValue(tree);
    plan.mockResolvedValue(result);

    await expect(service().plan(step, 'org-1')).resolves.toBe(result);

    expect(downloadJson).toHaveBeenCalledWith(
      step.elementTree.artifactId,
      'org-1',
      expect.anything(),
      expect.any(AbortSignal),
    );
    expect(plan).toHaveBeenCalledWith(step, tree, {
      signal: downloadJson.mock.calls[0][3],
      model: undefined,
      vision: undefined,
      image: undefined,
    });
  });

  it('should abort the model call and fail retryably when the step deadline passes', async () => {
    downloadJson.mockResolvedValue(tree);
    let signal: AbortSignal | undefined;
    plan.mockImplementation((_input, _tree, options: { signal: AbortSignal }) => {
      signal = options.signal;
      return new Promise(() => undefined);
    });

    const error = await service({ PLAN_STEP_TIMEOUT_MS: '1000' })
      .plan(step, 'org-1')
      .catch((e: unknown) => e);

    expect(toErrorInfo(error)).toMatchObject({ code: DeadlineExceptionCode.TIMEOUT, terminal: false });
    expect(signal?.aborted).toBe(true);
  });

  it('should send the screenshot as base64 with the task model when the step asks for vision', async () => {
    downloadJson.mockResolvedValue(tree);
    download.mockResolvedValue(Buffer.from('png-bytes'));
    plan.mockResolvedValue(result);
    const screenshot = { ...step.elementTree, kind: 'screenshot' as const, contentType: 'image/png' };

    await service().plan({ ...step, vision: true, model: 'anthropic:claude-haiku-4-5', screenshot }, 'org-1');

    expect(download).toHaveBeenCalledWith(screenshot.artifactId, 'org-1', expect.any(AbortSignal));
    expect(plan.mock.calls[0][2]).toMatchObject({
      model: 'anthropic:claude-haiku-4-5',
      vision: true,
      image: { mediaType: 'image/png', base64: Buffer.from('png-bytes').toString('base64') },
    });
  });

  it('should not download the screenshot when neither the step nor any model wants it', async () => {
    downloadJson.mockResolvedValue(tree);
    plan.mockResolvedValue(result);

    await service().plan({ ...step, screenshot: { ...step.elementTree, kind: 'screenshot' } }, 'org-1');

    expect(download).not.toHaveBeenCalled();
  });
});

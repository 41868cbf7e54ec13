import type { ElementTreeV1 } from '@webbyflow/contracts';
import type { PlanResult } from '../planner/llm-planner.service';
import type { PlanInput } from '../prompt/plan-input';
import { contactPage } from '../heuristic/heuristic-trees.fixture';
import { PlannerSelectionExceptionCode } from './planner-selection.exception';
import { PlannerSelector, type StepPlanner } from './planner-selector';

const modelPlan: PlanResult = {
  actions: [{ type: 'wait', ms: 1, reasoning: '' }],
  reasoning: 'model',
  provider: 'openai',
  model: 'gpt',
  inputTokens: 100,
  outputTokens: 10,
  cachedTokens: 0,
  costUsd: 0.0001,
  attempts: 1,
  fallback: false,
  calls: [],
};
const input = (payload: Record<string, unknown>, planner?: 'auto' | 'llm' | 'heuristic') =>
  ({
    stepIndex: 0,
    goal: 'Send the form',
    payload,
    extractionSchema: null,
    url: 'http://x/',
    title: '',
    history: [],
    maxSteps: 5,
    ...(planner ? { planner } : {}),
  }) satisfies PlanInput & { planner?: string };
const CONFIDENT = { name: 'Ada', email: 'ada@example.com', topic: 'sales', message: 'Hi' };
const UNSURE = { ...CONFIDENT, shoe_size: 42 };

describe(PlannerSelector.name, () => {
  const tree: ElementTreeV1 = contactPage();
  const model = { plan: jest.fn<Promise<PlanResult>, Parameters<StepPlanner['plan']>>() };
  const selector = new PlannerSelector(model, { minConfidence: 0.7, defaultMode: 'auto' });
  beforeEach(() => model.plan.mockReset().mockResolvedValue(modelPlan));

  it('should let the heuristic plan without the model when it is confident in auto', async () => {
    const plan = await selector.plan(input(CONFIDENT), tree);
    expect(plan).toMatchObject({ planner: 'heuristic', provider: 'heuristic', inputTokens: 0 });
    expect(model.plan).not.toHaveBeenCalled();
  });

  it('should hand over to the model with the reason when the heuristic is not confident in auto', async () => {
    const plan = await selector.plan(input(UNSURE), tree);
    expect(plan).toMatchObject({ planner: 'llm', provider: 'openai', confidence: 0.5 });
    expect(plan.reasoning).toMatch(/^Heuristic confidence 0\.5 < 0\.7/);
  });

  it('should use the service default when the task names no planner', async () => {
    const llmFirst = new PlannerSelector(model, { minConfidence: 0.7, defaultMode: 'llm' });
    await expect(llmFirst.plan(input(CONFIDENT), tree)).resolves.toMatchObject({ planner: 'llm' });
    await expect(llmFirst.plan(input(CONFIDENT, 'auto'), tree)).resolves.toMatchObject({ planner: 'heuristic' });
  });

  it('should use the model alone when the task asks for llm', async () => {
    await expect(selector.plan(input(CONFIDENT, 'llm'), tree)).resolves.toMatchObject({ planner: 'llm' });
  });

  it('should keep the heuristic plan however unsure when the task asks for heuristic', async () => {
    await expect(selector.plan(input(UNSURE, 'heuristic'), tree)).resolves.toMatchObject({
      planner: 'heuristic',
      confidence: 0.5,
    });
    expect(model.plan).not.toHaveBeenCalled();
  });

  it('should plan with the heuristic in auto and refuse llm when no model is configured', async () => {
    const noModel = new PlannerSelector(null, { minConfidence: 0.7, defaultMode: 'auto' });
    await expect(noModel.plan(input(UNSURE), tree)).resolves.toMatchObject({ planner: 'heuristic' });
    await expect(noModel.plan(input(CONFIDENT, 'llm'), tree)).rejects.toMatchObject({
      code: PlannerSelectionExceptionCode.MODEL_NOT_CONFIGURED,
      terminal: true,
    });
  });
});

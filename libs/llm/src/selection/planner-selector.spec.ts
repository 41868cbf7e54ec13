import type { ActionV1, ElementTreeV1 } from '@webbyflow/contracts';
import { toCachedStep } from '../plan-cache/cached-step';
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
const input = (payload: Record<string, unknown>, planner?: 'auto' | 'llm' | 'heuristic' | 'cache_only') =>
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

  describe('with a cached step', () => {
    const fill: ActionV1[] = [
      { type: 'input_text', elementId: 'e11', text: '{{payload.name}}', pressEnter: false, reasoning: '' },
      { type: 'click', elementId: 'e17', reasoning: 'send it' },
    ];
    const cached = toCachedStep(fill, tree)!;
    /** The same page in a later run: other ids. */
    const later: ElementTreeV1 = { ...tree, elements: tree.elements.map((e) => ({ ...e, id: `${e.id}0` })) };
    /** A page without the submit button. */
    const changed: ElementTreeV1 = { ...tree, elements: tree.elements.filter((e) => e.id !== 'e17') };

    it('should replay it with no model call, no tokens and the new ids when every target is found', async () => {
      const plan = await selector.plan({ ...input(UNSURE, 'llm'), cache: { step: cached, samePage: true } }, later);
      expect(plan).toMatchObject({
        planner: 'cache',
        provider: 'cache',
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        calls: [],
        cache: { outcome: 'hit' },
      });
      expect(plan.actions.map((a) => ('elementId' in a ? a.elementId : null))).toEqual(['e110', 'e170']);
      expect(model.plan).not.toHaveBeenCalled();
    });

    it("should plan with the task's planner and say why when the cached step does not fit the page", async () => {
      const plan = await selector.plan({ ...input(UNSURE, 'llm'), cache: { step: cached, samePage: true } }, changed);
      expect(plan).toMatchObject({ planner: 'llm', cache: { outcome: 'miss' } });
      expect(plan.cache?.reason).toMatch(/page has other controls/);
      expect(model.plan).toHaveBeenCalledTimes(1);
    });

    it('should fail with a terminal CACHE_MISS naming the step when cache_only has nothing that fits', async () => {
      const miss = selector.plan(
        { ...input(CONFIDENT, 'cache_only'), cache: { step: cached, samePage: true } },
        changed,
      );
      await expect(miss).rejects.toMatchObject({ code: PlannerSelectionExceptionCode.CACHE_MISS, terminal: true });
      await expect(selector.plan(input(CONFIDENT, 'cache_only'), tree)).rejects.toThrow(/step 0.*no step for it/);
      expect(model.plan).not.toHaveBeenCalled();
    });

    it('should return every plan in the form the cache keeps, with the prints of its targets', async () => {
      const plan = await selector.plan(input(CONFIDENT, 'heuristic'), tree);
      expect(plan.cachedStep?.actions).toHaveLength(plan.actions.length);
      expect(plan.cachedStep?.actions[0]?.targets.elementId).toMatchObject({ role: 'textbox', name: 'your name *' });
    });
  });
});

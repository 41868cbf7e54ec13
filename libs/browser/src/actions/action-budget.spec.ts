import type { BrowserActionV1 } from '@webbyflow/contracts';
import { actionBudgetMs, playwrightTimeoutMs } from './action-budget';

const config = { actionTimeoutMs: 5_000, navigationTimeoutMs: 20_000 };

describe(actionBudgetMs.name, () => {
  it.each<[BrowserActionV1, number]>([
    [{ type: 'click', elementId: 'e1', reasoning: '' }, 5_000],
    [{ type: 'goto_url', url: 'http://127.0.0.1/', reasoning: '' }, 20_000],
    [{ type: 'wait', ms: 12_000, reasoning: '' }, 13_000],
    [{ type: 'input_text', elementId: 'e1', text: 'x', pressEnter: true, reasoning: '' }, 10_000],
    [{ type: 'scroll', direction: 'down', reasoning: '' }, 5_000],
  ])('should give %j a budget of %d ms when configured', (action, expected) => {
    expect(actionBudgetMs(action, config)).toBe(expected);
  });
});

describe(playwrightTimeoutMs.name, () => {
  it('should leave headroom below the deadline when the budget is large', () => {
    expect(playwrightTimeoutMs(5_000)).toBe(4_750);
  });

  it('should keep at least half the budget when the budget is tiny', () => {
    expect(playwrightTimeoutMs(300)).toBe(150);
  });
});

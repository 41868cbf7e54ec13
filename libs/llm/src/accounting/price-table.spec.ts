import { costOf, DEFAULT_PRICES, priceOf, roundUsd } from './price-table';

describe(costOf.name, () => {
  it('should price cached prompt tokens at the cached rate when the provider served some from its cache', () => {
    // gpt-4o-mini: 0.15 in, 0.075 cached, 0.6 out per 1M tokens
    const cost = costOf(DEFAULT_PRICES, 'gpt-4o-mini', {
      inputTokens: 10_000,
      outputTokens: 1_000,
      cachedTokens: 4_000,
    });

    expect(cost).toBe(roundUsd((6_000 * 0.15 + 4_000 * 0.075 + 1_000 * 0.6) / 1e6));
  });

  it('should use the longest matching prefix when the model is a dated snapshot', () => {
    expect(priceOf(DEFAULT_PRICES, 'gpt-4o-mini-2024-07-18')).toBe(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceOf(DEFAULT_PRICES, 'claude-sonnet-4-6')).toBe(DEFAULT_PRICES['claude-sonnet-4']);
  });

  it('should cost nothing when the model has no price, e.g. a local model', () => {
    expect(costOf(DEFAULT_PRICES, 'llama3.2:3b', { inputTokens: 5000, outputTokens: 500, cachedTokens: 0 })).toBe(0);
  });
});

import { z } from 'zod';

/** USD per million tokens. `cachedInput` is what a prompt token read from the provider's cache costs. */
export const ModelPriceSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cachedInput: z.number().nonnegative().optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

/** Model name (or the start of one: dated snapshots match their family) → price. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices of common models when this was written (USD per 1M tokens); `LLM_PRICES` overrides or adds entries.
 * Anthropic's cache writes (1.25× input) are counted at the input price.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 },
  'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3 },
  'claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5 },
  'claude-opus-4-5': { input: 5, output: 25, cachedInput: 0.5 },
};

/** Token counts of one call: `inputTokens` includes the cached ones. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
}

/** The entry whose key is the model name or its longest prefix; undefined for unknown (e.g. local) models. */
export function priceOf(table: PriceTable, model: string): ModelPrice | undefined {
  const name = model.toLowerCase();
  const key = Object.keys(table)
    .filter((candidate) => name === candidate || name.startsWith(candidate))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : table[key];
}

/** Cost of one call in USD, rounded to a millionth of a cent; 0 when the model has no price. */
export function costOf(table: PriceTable, model: string, usage: TokenUsage): number {
  const price = priceOf(table, model);
  if (!price) return 0;
  const cached = Math.min(usage.cachedTokens, usage.inputTokens);
  const micros =
    (usage.inputTokens - cached) * price.input +
    cached * (price.cachedInput ?? price.input) +
    usage.outputTokens * price.output;
  return roundUsd(micros / 1_000_000);
}

/** Sums of USD amounts stay free of binary noise (0.1 + 0.2). */
export function roundUsd(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

import type { LlmCallV1 } from '@webbyflow/contracts';
import {
  LlmException,
  LlmExceptionCode,
  roundUsd,
  type LlmAnswerFormat,
  type LlmImage,
  type LlmMessage,
  type PriceTable,
  type Prompt,
  type RoutedModel,
} from '@webbyflow/llm';
import { callModel } from './model-call';

/** A first answer that fails validation gets one repair turn; a second failure moves on to the next model. */
export const MAX_PLAN_ATTEMPTS = 2;

export interface ModelCallSettings {
  /** Deadline of each model call (time waiting for the endpoint's limiter excluded). */
  timeoutMs: number;
  maxTokens: number;
  temperature: number;
  prices: PriceTable;
}

/** What to ask and how to read the answer. */
export interface ChainQuestion<T> {
  prompt: Prompt;
  format: LlmAnswerFormat;
  parse(text: string): { ok: true; value: T } | { ok: false; problems: string[] };
  repairMessage(problems: readonly string[]): string;
  /** The image for this model, if it gets one. */
  imageFor(routed: RoutedModel): LlmImage | undefined;
  signal?: AbortSignal;
}

/** The answer and what it took: every call of every model tried, with the sums. */
export interface ChainAnswer<T> {
  value: T;
  provider: string;
  model: string;
  /** Answers asked of the model that answered (2 after a repair). */
  attempts: number;
  fallback: boolean;
  calls: LlmCallV1[];
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costUsd: number;
}

/**
 * Asks each model of the chain in turn until one gives a valid answer; throws the last failure when none does,
 * carrying every call made (`LlmException.calls`) so their tokens and cost are still counted.
 */
export async function askModelChain<T>(
  chain: readonly RoutedModel[],
  question: ChainQuestion<T>,
  settings: ModelCallSettings,
): Promise<ChainAnswer<T>> {
  const calls: LlmCallV1[] = [];
  const failures: string[] = [];
  let last: LlmException | undefined;
  for (const [index, routed] of chain.entries()) {
    try {
      const answer = await askModel(routed, question, settings, calls);
      return { ...answer, ...totals(calls), fallback: index > 0, calls };
    } catch (error) {
      if (!(error instanceof LlmException) || error.code === LlmExceptionCode.ABORTED) throw error;
      last = error;
      failures.push(`${routed.provider.name}/${routed.provider.model}: ${error.message}`);
    }
  }
  const failure =
    !last || failures.length === 1
      ? (last ?? new LlmException(LlmExceptionCode.PROVIDER_ERROR, 'no model'))
      : new LlmException(last.code, `every model failed: ${failures.join(' | ')}`, {
          cause: last,
          ...(last.retryAfterMs === undefined ? {} : { retryAfterMs: last.retryAfterMs }),
        });
  failure.calls = calls;
  throw failure;
}

async function askModel<T>(
  routed: RoutedModel,
  question: ChainQuestion<T>,
  settings: ModelCallSettings,
  calls: LlmCallV1[],
): Promise<Pick<ChainAnswer<T>, 'value' | 'provider' | 'model' | 'attempts'>> {
  const { prompt, format } = question;
  const messages: LlmMessage[] = [...prompt.messages];
  const { timeoutMs, maxTokens, temperature, prices } = settings;
  const image = question.imageFor(routed);
  let problems: string[] = [];
  for (let attempt = 1; attempt <= MAX_PLAN_ATTEMPTS; attempt++) {
    const request = {
      system: prompt.system,
      messages: [...messages],
      maxTokens,
      temperature,
      answerFormat: format,
      image,
    };
    const { completion, error, record } = await callModel(routed, request, {
      timeoutMs,
      prices,
      repair: attempt > 1,
      parent: question.signal,
    });
    calls.push(record);
    if (!completion) throw error ?? new LlmException(LlmExceptionCode.PROVIDER_ERROR, 'no completion');
    const parsed = question.parse(completion.text);
    if (parsed.ok)
      return { value: parsed.value, provider: routed.provider.name, model: record.model, attempts: attempt };
    record.outcome = 'invalid';
    problems = parsed.problems;
    messages.push(
      { role: 'assistant', content: completion.text.trim() || '(empty answer)' },
      { role: 'user', content: question.repairMessage(problems) },
    );
  }
  throw new LlmException(
    LlmExceptionCode.PLAN_INVALID,
    `${routed.provider.name} model ${routed.provider.model} gave no valid answer in ${MAX_PLAN_ATTEMPTS} attempts; last answer: ${problems.join('; ')}`,
  );
}

function totals(calls: readonly LlmCallV1[]) {
  return {
    inputTokens: calls.reduce((sum, call) => sum + call.inputTokens, 0),
    outputTokens: calls.reduce((sum, call) => sum + call.outputTokens, 0),
    cachedTokens: calls.reduce((sum, call) => sum + call.cachedTokens, 0),
    costUsd: roundUsd(calls.reduce((sum, call) => sum + call.costUsd, 0)),
  };
}

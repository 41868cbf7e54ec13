import type { LlmCallV1 } from '@webbyflow/contracts';
import { DeadlineException, DeadlineExceptionCode, withDeadline } from '@webbyflow/common';
import {
  costOf,
  LlmException,
  LlmExceptionCode,
  noHttpAttempts,
  type LlmCompletion,
  type LlmRequest,
  type PriceTable,
  type RoutedModel,
} from '@webbyflow/llm';

/** A request without the fields the call fills in itself. */
export type ModelCallRequest = Omit<LlmRequest, 'signal' | 'attempts'>;

/**
 * One model call under the endpoint's limiter and its own deadline (queue time excluded); returns the completion,
 * or the error, with a record of the call either way.
 */
export async function callModel(
  routed: RoutedModel,
  request: ModelCallRequest,
  settings: { timeoutMs: number; prices: PriceTable; repair: boolean; parent?: AbortSignal },
): Promise<{ completion?: LlmCompletion; error?: LlmException; record: LlmCallV1 }> {
  const { provider, limiter } = routed;
  const label = `${provider.name} ${provider.model} completion`;
  const attempts = noHttpAttempts();
  const started = Date.now();
  const record = (outcome: string, completion?: LlmCompletion): LlmCallV1 => {
    const usage = {
      inputTokens: completion?.inputTokens ?? 0,
      outputTokens: completion?.outputTokens ?? 0,
      cachedTokens: completion?.cachedTokens ?? 0,
    };
    const model = completion?.model || provider.model;
    return {
      provider: provider.name,
      model,
      repair: settings.repair,
      httpAttempts: attempts.count,
      httpStatuses: attempts.statuses,
      outcome,
      ...usage,
      costUsd: costOf(settings.prices, model, usage),
      durationMs: Date.now() - started,
      withImage: request.image !== undefined,
    };
  };
  try {
    const completion = await limiter.add(
      () =>
        withDeadline(
          label,
          settings.timeoutMs,
          (signal) => provider.complete({ ...request, signal, attempts }),
          settings.parent,
        ),
      { signal: settings.parent },
    );
    return { completion, record: record('ok', completion) };
  } catch (caught) {
    const error = toPlannerException(caught, label, settings.parent);
    return { error, record: record(error.code) };
  }
}

function toPlannerException(error: unknown, label: string, parent?: AbortSignal): LlmException {
  if (error instanceof DeadlineException && error.code === DeadlineExceptionCode.TIMEOUT) {
    return new LlmException(LlmExceptionCode.PROVIDER_ERROR, error.message, { cause: error });
  }
  if (parent?.aborted || error instanceof DeadlineException) {
    return new LlmException(LlmExceptionCode.ABORTED, `${label} aborted`, { cause: error });
  }
  if (error instanceof LlmException) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LlmException(LlmExceptionCode.PROVIDER_ERROR, `${label} failed: ${message}`, { cause: error });
}

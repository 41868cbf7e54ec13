import { DomainException } from '@webbyflow/common';
import type { LlmCallV1 } from '@webbyflow/contracts';

export enum LlmExceptionCode {
  /** The model answered twice with something that is not a valid planner protocol v2 answer. */
  PLAN_INVALID = 'PLAN_INVALID',
  /** Network error, timeout, rate limit or 5xx from the provider; the same step may succeed later. */
  PROVIDER_ERROR = 'PROVIDER_ERROR',
  /** The provider refused the credentials (401/403). */
  PROVIDER_AUTH = 'PROVIDER_AUTH',
  /** The provider rejected the request itself (400/404/422: unknown model, prompt too long). */
  PROVIDER_REJECTED = 'PROVIDER_REJECTED',
  /** The caller aborted the call (run canceled or its own deadline passed). */
  ABORTED = 'ABORTED',
}

const TERMINAL_CODES: ReadonlySet<LlmExceptionCode> = new Set([
  LlmExceptionCode.PLAN_INVALID,
  LlmExceptionCode.PROVIDER_AUTH,
  LlmExceptionCode.PROVIDER_REJECTED,
]);

export class LlmException extends DomainException<LlmExceptionCode> {
  readonly terminal: boolean;
  /** The model calls made before this failure (set by the model chain when every model has failed). */
  calls: LlmCallV1[] = [];

  constructor(code: LlmExceptionCode, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(code, message, options);
    this.terminal = TERMINAL_CODES.has(code);
  }

  /** The calls travel on `llm.failed`, so a failed step's tokens and cost are still counted. */
  override failureFields(): Record<string, unknown> {
    return this.calls.length > 0 ? { calls: this.calls } : {};
  }
}

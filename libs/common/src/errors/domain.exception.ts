/** Shape of an error that crosses a process (STYLE.md §12). */
export interface ErrorInfo {
  name: string;
  code: string;
  message: string;
  /** True when retrying cannot help. */
  terminal: boolean;
  /** How long to wait before trying again, when the failing side said (a provider's `retry-after`). */
  retryAfterMs?: number;
}

/**
 * Base for every module's `XxxException`: a string `code` from the module's enum, and whether the
 * failure is terminal. Transport filters map codes to HTTP status or ack/nak/term.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  abstract readonly terminal: boolean;
  /** How long to wait before trying again, when known (see ErrorInfo.retryAfterMs). */
  readonly retryAfterMs?: number;

  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = new.target.name;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  toErrorInfo(): ErrorInfo {
    const info: ErrorInfo = { name: this.name, code: this.code, message: this.message, terminal: this.terminal };
    return this.retryAfterMs === undefined ? info : { ...info, retryAfterMs: this.retryAfterMs };
  }

  /**
   * Fields the service's `failed` event carries beside the error when this exception ends a command (llm-svc: the
   * model calls made before it gave up, so the run still counts their tokens and cost). None by default.
   */
  failureFields(): Record<string, unknown> {
    return {};
  }
}

/** The extra `failed`-event fields of a thrown value (see DomainException.failureFields); none for other errors. */
export function failureFieldsOf(error: unknown): Record<string, unknown> {
  return error instanceof DomainException ? error.failureFields() : {};
}

/** Any thrown value as an ErrorInfo; unknown errors are retryable with code `INTERNAL`. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof DomainException) return error.toErrorInfo();
  if (error instanceof Error) return { name: error.name, code: 'INTERNAL', message: error.message, terminal: false };
  return { name: 'Error', code: 'INTERNAL', message: String(error), terminal: false };
}

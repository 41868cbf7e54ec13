import { DomainException } from '../errors/domain.exception';

export enum DeadlineExceptionCode {
  TIMEOUT = 'TIMEOUT',
  ABORTED = 'ABORTED',
}

export class DeadlineException extends DomainException<DeadlineExceptionCode> {
  readonly terminal = false;
}

/**
 * Runs `work` with a deadline and an abort signal that fires on timeout or when `parent` aborts
 * (STYLE.md §13). The work receives the signal and should pass it down to every await it makes.
 */
export async function withDeadline<T>(
  label: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
  parent?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const signals = parent ? [controller.signal, parent] : [controller.signal];
  const signal = AbortSignal.any(signals);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineException(DeadlineExceptionCode.TIMEOUT, `${label} timed out after ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    signal.addEventListener(
      'abort',
      () =>
        reject(
          signal.reason instanceof Error
            ? signal.reason
            : new DeadlineException(DeadlineExceptionCode.ABORTED, `${label} aborted`),
        ),
      { once: true },
    );
  });
  try {
    if (signal.aborted)
      throw new DeadlineException(DeadlineExceptionCode.ABORTED, `${label} aborted before it started`);
    return await Promise.race([work(signal), expired]);
  } finally {
    clearTimeout(timer);
    expired.catch(() => undefined);
  }
}

/** A sleep that ends early when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DeadlineException(DeadlineExceptionCode.ABORTED, 'sleep aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DeadlineException(DeadlineExceptionCode.ABORTED, 'sleep aborted'));
      },
      { once: true },
    );
  });
}

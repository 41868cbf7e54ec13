import { AsyncLocalStorage } from 'node:async_hooks';

/** What the SDK's own retry loop did for one call: each HTTP attempt and the status it got back. */
export interface HttpAttempts {
  count: number;
  /** Status of every attempt that got an answer (e.g. `[429, 200]`); a connection error adds none. */
  statuses: number[];
}

const current = new AsyncLocalStorage<HttpAttempts>();

/**
 * A `fetch` for the SDK clients that counts the attempts of the call running in `countHttpAttempts`. Both SDKs retry
 * 408/409/429/5xx themselves (honouring `retry-after`, up to 60 s) and do not report it; this makes it visible.
 */
export const countingFetch: typeof fetch = async (input, init) => {
  const attempts = current.getStore();
  if (attempts) attempts.count++;
  const response = await fetch(input, init);
  attempts?.statuses.push(response.status);
  return response;
};

/** A fresh record for one model call. */
export const noHttpAttempts = (): HttpAttempts => ({ count: 0, statuses: [] });

/** Runs one SDK call, counting its HTTP attempts into `attempts` (filled in whether the call succeeds or not). */
export function trackHttpAttempts<T>(attempts: HttpAttempts, call: () => Promise<T>): Promise<T> {
  return current.run(attempts, call);
}

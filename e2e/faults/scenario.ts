import type { FaultOutcome } from './fault-run';

/** A fault scenario run once and shared by the `it`s that judge it, so the fault is not injected twice. */
export function scenario(run: () => Promise<FaultOutcome>): () => Promise<FaultOutcome> {
  let outcome: Promise<FaultOutcome> | undefined;
  return () => (outcome ??= run());
}

/** The fixture site is on loopback, which the gateway refuses unless allowed. */
export const FAULT_ENV = { TASK_URL_ALLOWED_HOSTS: '127.0.0.1' };

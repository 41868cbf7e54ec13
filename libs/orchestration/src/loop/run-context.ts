import type { EntityManager } from 'typeorm';

/** One handler run: its transaction, the message that caused it, and work to do once committed. */
export interface RunContext {
  em: EntityManager;
  causationId: string | null;
  afterCommit: Array<() => Promise<void>>;
}

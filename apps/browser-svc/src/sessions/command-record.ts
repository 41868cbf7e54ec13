/** What one command id did: still running, finished with a value, or failed. */
export type CommandState<T> =
  { status: 'running'; promise: Promise<T> } | { status: 'done'; value: T } | { status: 'failed'; error: unknown };

/**
 * Command envelope id → what its first delivery did, for one session, so a redelivery never runs the work
 * twice. Bounded: the least recently used ids are forgotten past `cap`.
 */
export class CommandRecord<T> {
  private readonly entries = new Map<string, CommandState<T>>();

  constructor(private readonly cap: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): CommandState<T> | undefined {
    const state = this.entries.get(id);
    if (state) this.touch(id, state);
    return state;
  }

  /** Records `id` as running, then runs `work`; its outcome replaces the entry (unless it was evicted). */
  start(id: string, work: () => Promise<T>): Promise<T> {
    // `work` starts on the next microtask, after the entry is in place.
    const promise = Promise.resolve().then(work);
    const running: CommandState<T> = { status: 'running', promise };
    this.touch(id, running);
    const settle = (state: CommandState<T>) => {
      if (this.entries.get(id) === running) this.entries.set(id, state);
    };
    promise.then(
      (value) => settle({ status: 'done', value }),
      (error: unknown) => settle({ status: 'failed', error }),
    );
    return promise;
  }

  private touch(id: string, state: CommandState<T>): void {
    this.entries.delete(id);
    this.entries.set(id, state);
    while (this.entries.size > this.cap) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

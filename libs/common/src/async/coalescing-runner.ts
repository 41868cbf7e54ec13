/** Exponential backoff after failed passes: base × 2^(failures − 1), at most max. */
export interface RunnerBackoff {
  baseMs: number;
  maxMs: number;
}

/**
 * Runs `pass` one at a time: a kick while a pass runs asks for exactly one more pass after it, so work
 * committed meanwhile is seen, and any number of kicks never start passes side by side. With `backoff`, a
 * pass that throws holds every later kick back (and runs again by itself) until its delay is over.
 */
export class CoalescingRunner {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private failures = 0;
  private notBefore = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onError: (error: unknown, retryInMs: number | null) => void,
    private readonly backoff?: RunnerBackoff,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.notBefore - Date.now();
    if (wait > 0) return this.kickIn(wait);
    this.running = this.pass()
      .then(
        () => void (this.failures = 0),
        (error: unknown) => this.failed(error),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Kicks after `delayMs` (replacing an earlier such kick). */
  kickIn(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), delayMs);
  }

  /** No pass starts after this; resolves when the current one has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private failed(error: unknown): void {
    if (!this.backoff) return this.onError(error, null);
    const delayMs = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** this.failures++);
    this.notBefore = Date.now() + delayMs;
    this.onError(error, delayMs);
    this.kickIn(delayMs);
  }
}

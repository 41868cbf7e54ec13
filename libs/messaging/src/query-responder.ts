import { Logger } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { toErrorInfo } from '@webbyflow/common';
import { catalogue, type Envelope, type QuerySubject } from '@webbyflow/contracts';
import { encode, parseEnvelope } from './envelope';
import { queryExpired } from './query-deadline';
import type { QueryReply } from './query-reply';
import { Semaphore } from './semaphore';

/**
 * Answers one query subject over core NATS in a queue group, so replicas share the load. At most `concurrency`
 * queries run at once, the rest wait in arrival order: a burst (1,000 creates at once) is then answered first come,
 * first served, instead of every query sharing the database pool with all the others and all answering late.
 * A query whose turn comes after its requester's start-by time (see query-deadline.ts) is skipped unanswered:
 * nobody waits for the answer any more, and a create run then would make a task behind a 503.
 */
export class QueryResponder {
  private readonly logger = new Logger(QueryResponder.name);
  private subscription?: Subscription;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slots: Semaphore;
  /** Queries skipped since the last warning, because their requester had stopped waiting. */
  private expired = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subject: QuerySubject,
    private readonly queue: string,
    private readonly handler: (envelope: Envelope) => Promise<unknown>,
    concurrency: number,
  ) {
    this.slots = new Semaphore(concurrency);
  }

  start(): void {
    this.subscription = this.nc.subscribe(this.subject, {
      queue: this.queue,
      callback: (error, msg) => {
        if (error) {
          this.logger.error(`subscription ${this.subject} failed: ${error.message}`);
          return;
        }
        const work = this.slots
          .acquire()
          .then(async () => {
            if (queryExpired(msg.headers)) return this.skip();
            msg.respond(encode(await this.answer(msg.data)));
          })
          .finally(() => this.slots.release());
        this.inFlight.add(work);
        void work.finally(() => this.inFlight.delete(work));
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.drain();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Counts a skipped query; one warning per burst, when the first of it is skipped. */
  private skip(): void {
    if (this.expired++ > 0) return;
    setTimeout(() => {
      this.logger.warn(`${this.subject}: ${this.expired} queries skipped, their requesters had stopped waiting`);
      this.expired = 0;
    }, 1_000).unref();
  }

  private async answer(data: Uint8Array): Promise<QueryReply> {
    try {
      const envelope = parseEnvelope(this.subject, data);
      const reply = catalogue[this.subject].reply.parse(await this.handler(envelope));
      return { ok: true, data: reply };
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code === 'INTERNAL') this.logger.error(`${this.subject} failed: ${info.message}`);
      return { ok: false, error: info };
    }
  }
}

import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { Logger } from '@nestjs/common';
import { toErrorInfo, type ErrorInfo } from '@webbyflow/common';
import type { Envelope, Subject } from '@webbyflow/contracts';
import { parseEnvelope } from './envelope';
import { Semaphore } from './semaphore';

export interface ConsumerRoute {
  handler: (envelope: Envelope) => Promise<void>;
}

export interface ConsumerRunOptions {
  stream: string;
  durable: string;
  ackWaitMs: number;
  maxDeliver: number;
  concurrency: number;
  routes: ReadonlyMap<Subject, ConsumerRoute>;
  /** Called once a message is given up (terminal error or deliveries exhausted), with the error as thrown too. */
  onGiveUp: (subject: Subject, envelope: Envelope, error: ErrorInfo, thrown: unknown) => Promise<void>;
}

/** Catalogue subject of a NATS subject: drops an instance routing token after the `vN` token. */
export function catalogueSubjectOf(natsSubject: string): string {
  const tokens = natsSubject.split('.');
  const versionAt = tokens.findIndex((token) => /^v\d+$/.test(token));
  return versionAt === -1 ? natsSubject : tokens.slice(0, versionAt + 1).join('.');
}

/**
 * Backoff between redeliveries: 1 s, 2 s, 4 s … capped at 30 s; longer when the failure asked for it (a provider's
 * `retry-after`), up to 2 min.
 */
export function redeliveryDelayMs(deliveryCount: number, retryAfterMs = 0): number {
  const backoff = Math.min(30_000, 1000 * 2 ** Math.max(0, deliveryCount - 1));
  return Math.max(backoff, Math.min(retryAfterMs, 120_000));
}

/**
 * Pulls from one durable consumer and runs each message through its typed handler, with explicit
 * acks, heartbeats while a handler works, backoff on retryable errors and a give-up hook.
 */
export class JetStreamConsumer {
  private readonly logger: Logger;
  private messages?: ConsumerMessages;
  private readonly inFlight = new Set<Promise<void>>();
  private loop?: Promise<void>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly options: ConsumerRunOptions,
  ) {
    this.logger = new Logger(`JetStreamConsumer:${options.durable}`);
  }

  async start(): Promise<void> {
    const consumer = await this.js.consumers.get(this.options.stream, this.options.durable);
    this.messages = await consumer.consume({ max_messages: this.options.concurrency });
    const slots = new Semaphore(this.options.concurrency);
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        await slots.acquire();
        const work = this.process(msg).finally(() => {
          slots.release();
          this.inFlight.delete(work);
        });
        this.inFlight.add(work);
      }
    })();
  }

  /** Stops pulling and waits for the messages in hand to finish. */
  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  private async process(msg: JsMsg): Promise<void> {
    const subject = catalogueSubjectOf(msg.subject) as Subject;
    const route = this.options.routes.get(subject);
    if (!route) {
      msg.ack(); // an event this service does not handle
      return;
    }
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(subject, msg.data);
    } catch (error) {
      this.logger.error(`dropping invalid message on ${msg.subject}: ${toErrorInfo(error).message}`);
      msg.term();
      return;
    }
    const heartbeat = setInterval(() => msg.working(), Math.max(1000, this.options.ackWaitMs / 3));
    try {
      await route.handler(envelope);
      msg.ack();
    } catch (error) {
      const info = toErrorInfo(error);
      const deliveries = msg.info.deliveryCount;
      if (info.terminal || deliveries >= this.options.maxDeliver) {
        this.logger.error(
          `giving up ${subject} ${envelope.id} after ${deliveries} deliveries: ${info.code} ${info.message}`,
        );
        // Publish the failure before dropping the message, so a crash here means a redelivery, not a lost run.
        await this.options
          .onGiveUp(subject, envelope, info, error)
          .catch((e: unknown) => this.logger.error(`give-up hook failed: ${toErrorInfo(e).message}`));
        msg.term();
      } else {
        this.logger.warn(`retrying ${subject} ${envelope.id} (delivery ${deliveries}): ${info.code} ${info.message}`);
        msg.nak(redeliveryDelayMs(deliveries, info.retryAfterMs));
      }
    } finally {
      clearInterval(heartbeat);
    }
  }
}

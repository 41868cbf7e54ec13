import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  catalogue,
  EnvelopeSchema,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  type Envelope,
  type EventSubject,
  type PayloadOf,
} from '@webbyflow/contracts';
import { waitFor } from '../poll/wait-for';

export interface EventRecorderOptions {
  /** Subject filter inside WEBBYFLOW_EVENTS; default every event. */
  filter?: string;
  /** `all` (default) replays the stream from its start; `new` records only events published from now on. */
  from?: 'all' | 'new';
  /** How long `start` waits for the stream to exist (a service creates it when it boots). */
  streamTimeoutMs?: number;
}

export interface WaitOptions {
  timeoutMs?: number;
}

/**
 * Records the platform's events as tests see them from outside: a JetStream ordered consumer on the
 * WEBBYFLOW_EVENTS stream, every message parsed as an envelope, in stream order.
 */
export class EventRecorder {
  /** Every envelope received, in stream order. */
  readonly events: Envelope[] = [];
  /** Messages that were not valid envelopes, with the reason. */
  readonly rejected: Array<{ subject: string; reason: string }> = [];
  private readonly loop: Promise<void>;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly ownsConnection: boolean,
    private readonly messages: ConsumerMessages,
  ) {
    this.loop = this.record();
  }

  /** Starts recording; `nats` is a server URL (the recorder opens its own connection) or a connection. */
  static async start(nats: string | NatsConnection, options: EventRecorderOptions = {}): Promise<EventRecorder> {
    const owns = typeof nats === 'string';
    const nc = typeof nats === 'string' ? await connect({ servers: nats }) : nats;
    try {
      const jsm = await jetstreamManager(nc);
      await waitFor(() => jsm.streams.info(EVENTS_STREAM).then(() => true), {
        timeoutMs: options.streamTimeoutMs ?? 10_000,
        what: `stream ${EVENTS_STREAM}`,
      });
      const consumer = await jetstream(nc).consumers.get(EVENTS_STREAM, {
        // One subject as a string: a list needs nats-server 2.10 (Debian 12 ships 2.9).
        filter_subjects: options.filter ?? EVENTS_SUBJECTS,
        deliver_policy: options.from === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
      });
      return new EventRecorder(nc, owns, await consumer.consume());
    } catch (error) {
      if (owns) await nc.close();
      throw error;
    }
  }

  /** Events of one run (by correlation id), in stream order. */
  forTask(taskId: string): Envelope[] {
    return this.events.filter((e) => e.correlationId === taskId);
  }

  /** The first event on `subject` that matches, its payload parsed with the catalogue schema. */
  async waitFor<S extends EventSubject>(
    subject: S,
    predicate: (event: Envelope<PayloadOf<S>>) => boolean = () => true,
    options: WaitOptions = {},
  ): Promise<Envelope<PayloadOf<S>>> {
    try {
      return await waitFor(
        () =>
          this.events
            .filter((e) => e.subject === subject)
            .map((e) => ({ ...e, payload: catalogue[subject].schema.parse(e.payload) as PayloadOf<S> }))
            .find(predicate),
        { timeoutMs: options.timeoutMs ?? 15_000, what: subject },
      );
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; recorded ${this.describe()}`, {
        cause: error,
      });
    }
  }

  /** Waits until the run has an event on `subject`, then returns all of the run's events so far. */
  async waitForTask(taskId: string, subject: EventSubject, options: WaitOptions = {}): Promise<Envelope[]> {
    await this.waitFor(subject, (e) => e.correlationId === taskId, { timeoutMs: options.timeoutMs ?? 60_000 });
    return this.forTask(taskId);
  }

  async stop(): Promise<void> {
    await this.messages.close();
    await this.loop;
    if (this.ownsConnection) await this.nc.close();
  }

  private async record(): Promise<void> {
    try {
      for await (const msg of this.messages) {
        const parsed = EnvelopeSchema.safeParse(safeJson(msg.data));
        if (parsed.success) this.events.push(parsed.data);
        else this.rejected.push({ subject: msg.subject, reason: parsed.error.message });
      }
    } catch {
      // the connection closed under the iterator: nothing more to record
    }
  }

  private describe(): string {
    const last = this.events.slice(-8).map((e) => e.subject.replace(/^webbyflow\.evt\./, ''));
    return last.length ? `${this.events.length} events, last ${last.join(', ')}` : 'no events';
  }
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}

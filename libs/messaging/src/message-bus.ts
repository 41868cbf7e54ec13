import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { errors as natsErrors } from '@nats-io/transport-node';
import {
  catalogue,
  type CommandSubject,
  type Envelope,
  type EventSubject,
  type PayloadInputOf,
  type QuerySubject,
  type ReplyOf,
} from '@webbyflow/contracts';
import { buildEnvelope, encode, type MessageMeta } from './envelope';
import { MessagingException, MessagingExceptionCode, RemoteException } from './messaging.exception';
import { queryHeaders } from './query-deadline';
import { QueryReply } from './query-reply';

export interface PublishOptions {
  /** Routing token for `instance`-routed commands: the id of the instance that holds the run. */
  route?: string;
  /**
   * Keep retrying a publish that failed for want of NATS (timeout, reconnecting, JetStream not ready)
   * this long, with backoff; the same id makes a retry that did land a duplicate the server drops.
   */
  retryForMs?: number;
}

const permanentPublishErrors = [
  natsErrors.ClosedConnectionError,
  natsErrors.DrainingConnectionError,
  natsErrors.InvalidArgumentError,
  natsErrors.InvalidSubjectError,
  natsErrors.PermissionViolationError,
];
/** A validated envelope and its address (the subject, plus an instance token for instance-routed commands). */
export interface PreparedMessage {
  address: string;
  envelope: Envelope;
}

const publishBackoffMs = (attempt: number) => Math.min(2_000, 100 * 2 ** attempt);

/**
 * Typed publishing from the catalogue (STYLE.md §5): events and commands go to JetStream with the
 * envelope id as `Nats-Msg-Id`, so a re-publish within the duplicate window is dropped by the server.
 */
export class MessageBus {
  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly requestTimeoutMs: number,
  ) {}

  async publish<S extends EventSubject | CommandSubject>(
    subject: S,
    payload: PayloadInputOf<S>,
    meta: MessageMeta,
    options: PublishOptions = {},
  ): Promise<void> {
    const message = this.prepare(subject, payload, meta, options.route);
    const deadline = Date.now() + (options.retryForMs ?? 0);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.send(message);
        return;
      } catch (error) {
        const delayMs = publishBackoffMs(attempt);
        if (!this.isRetryable(error) || Date.now() + delayMs >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** The validated envelope and the address it goes to, for sending now or later (the orchestrator's outbox). */
  prepare<S extends EventSubject | CommandSubject>(
    subject: S,
    payload: PayloadInputOf<S>,
    meta: MessageMeta,
    route?: string,
  ): PreparedMessage {
    return { address: this.addressOf(subject, route), envelope: buildEnvelope(subject, payload, meta) };
  }

  /** One publish of a prepared message, `Nats-Msg-Id` = the envelope id; resolves with whether it was a copy. */
  async send(message: PreparedMessage): Promise<{ duplicate: boolean }> {
    const ack = await this.js.publish(message.address, encode(message.envelope), {
      msgID: message.envelope.id,
      timeout: this.requestTimeoutMs,
    });
    return { duplicate: ack.duplicate };
  }

  /** False for what no retry can mend: a closed connection, or a message the server will always refuse. */
  isRetryable(error: unknown): boolean {
    return !this.nc.isClosed() && !permanentPublishErrors.some((type) => error instanceof type);
  }

  /** Request/reply over core NATS to the one service that answers `subject`. */
  async request<Q extends QuerySubject>(
    subject: Q,
    payload: PayloadInputOf<Q>,
    meta: MessageMeta,
    timeoutMs = this.requestTimeoutMs,
  ): Promise<ReplyOf<Q>> {
    const envelope = buildEnvelope(subject, payload, meta);
    let data: Uint8Array;
    try {
      data = (
        await this.nc.request(subject, encode(envelope), { timeout: timeoutMs, headers: queryHeaders(timeoutMs) })
      ).data;
    } catch (error) {
      // The v3 client wraps "no responders" in a RequestError.
      const noResponders =
        error instanceof natsErrors.NoRespondersError ||
        (error instanceof natsErrors.RequestError && error.isNoResponders());
      if (noResponders) {
        throw new MessagingException(
          MessagingExceptionCode.NO_RESPONDER,
          `no ${catalogue[subject].responder} instance answers ${subject}`,
          { cause: error, terminal: false },
        );
      }
      if (error instanceof natsErrors.TimeoutError || error instanceof natsErrors.RequestError) {
        throw new MessagingException(
          MessagingExceptionCode.REQUEST_TIMEOUT,
          `${subject} got no answer in ${timeoutMs} ms`,
          { cause: error },
        );
      }
      throw error;
    }
    const reply = QueryReply.safeParse(JSON.parse(new TextDecoder().decode(data)));
    if (!reply.success)
      throw new MessagingException(MessagingExceptionCode.INVALID_MESSAGE, `reply to ${subject} is malformed`);
    if (!reply.data.ok) {
      const { name, code, message, terminal } = reply.data.error;
      throw new RemoteException(name, code, message, terminal);
    }
    const parsed = catalogue[subject].reply.safeParse(reply.data.data);
    if (!parsed.success)
      throw new MessagingException(
        MessagingExceptionCode.INVALID_MESSAGE,
        `reply to ${subject} is invalid: ${parsed.error.message}`,
      );
    return parsed.data as ReplyOf<Q>;
  }

  private addressOf(subject: EventSubject | CommandSubject, route: string | undefined): string {
    const definition = catalogue[subject];
    if (definition.kind !== 'command' || definition.routing !== 'instance') return subject;
    if (!route)
      throw new MessagingException(
        MessagingExceptionCode.ROUTE_MISSING,
        `${subject} is routed to an instance; pass options.route`,
      );
    return `${subject}.${route}`;
  }
}

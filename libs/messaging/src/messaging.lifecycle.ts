import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { failureFieldsOf, type ErrorInfo } from '@webbyflow/common';
import {
  catalogue,
  COMMANDS_STREAM,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  type Envelope,
  type QuerySubject,
  type Subject,
} from '@webbyflow/contracts';
import { causedBy } from './envelope';
import { JetStreamConsumer, type ConsumerRoute } from './jetstream-consumer';
import { MessageBus } from './message-bus';
import type { MessagingOptions } from './messaging.config';
import { MessagingException, MessagingExceptionCode } from './messaging.exception';
import { MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';
import { ANY_EVENT_HANDLER_METADATA, MESSAGE_HANDLER_METADATA } from './on-message.decorator';
import { QueryResponder } from './query-responder';
import { ensureConsumer, ensureStreams, instanceCommandFilter, sharedCommandFilter } from './streams';

type Handler = (envelope: Envelope) => Promise<unknown>;

/** Finds handlers, fails at boot on gaps or duplicates (STYLE.md §8), then starts consuming. */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingLifecycle.name);
  private readonly consumers: JetStreamConsumer[] = [];
  private readonly responders: QueryResponder[] = [];

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly bus: MessageBus,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { handlers, anyEvent } = this.discoverHandlers();
    this.assertComplete(handlers);
    const jsm = await jetstreamManager(this.nc);
    await ensureStreams(jsm, this.options.config);

    const { service, instanceId, config } = this.options;
    const routesOf = (accept: (s: Subject) => boolean, pick: (s: Subject) => Handler | undefined) => {
      const routes = new Map<Subject, ConsumerRoute>();
      for (const subject of Object.keys(catalogue) as Subject[]) {
        const handler = accept(subject) ? pick(subject) : undefined;
        if (handler) routes.set(subject, { handler: async (envelope) => void (await handler(envelope)) });
      }
      return routes;
    };
    const isEvent = (s: Subject) => catalogue[s].kind === 'event';
    const own = (s: Subject) => handlers.get(s);
    const groups: Array<{
      stream: string;
      durable: string;
      filter: string;
      deliverNew: boolean;
      routes: Map<Subject, ConsumerRoute>;
    }> = [
      {
        stream: EVENTS_STREAM,
        durable: `${service}-events`,
        filter: EVENTS_SUBJECTS,
        deliverNew: true,
        routes: routesOf(isEvent, own),
      },
      {
        stream: COMMANDS_STREAM,
        durable: `${service}-commands`,
        filter: sharedCommandFilter(service),
        deliverNew: false,
        routes: routesOf((s) => this.isCommand(s, 'shared'), own),
      },
      {
        stream: COMMANDS_STREAM,
        durable: `${service}-${instanceId}`,
        filter: instanceCommandFilter(service, instanceId),
        deliverNew: false,
        routes: routesOf((s) => this.isCommand(s, 'instance'), own),
      },
      // The event log sees every event from the start of the stream, on its own cursor.
      {
        stream: EVENTS_STREAM,
        durable: `${service}-event-log`,
        filter: EVENTS_SUBJECTS,
        deliverNew: false,
        routes: routesOf(isEvent, () => anyEvent),
      },
    ];
    for (const group of groups) {
      const { routes } = group;
      if (routes.size === 0) continue;
      await ensureConsumer(jsm, {
        stream: group.stream,
        durable: group.durable,
        filterSubject: group.filter,
        ackWaitMs: config.NATS_ACK_WAIT_MS,
        maxDeliver: config.NATS_MAX_DELIVER,
        maxAckPending: config.NATS_CONCURRENCY,
        deliverNew: group.deliverNew,
      });
      const consumer = new JetStreamConsumer(jetstream(this.nc), {
        stream: group.stream,
        durable: group.durable,
        ackWaitMs: config.NATS_ACK_WAIT_MS,
        maxDeliver: config.NATS_MAX_DELIVER,
        concurrency: config.NATS_CONCURRENCY,
        routes,
        onGiveUp: (subject, envelope, error, thrown) => this.publishFailure(subject, envelope, error, thrown),
      });
      await consumer.start();
      this.consumers.push(consumer);
      this.logger.log(`consuming ${[...routes.keys()].join(', ')} as ${group.durable}`);
    }
    for (const [subject, handler] of handlers) {
      if (catalogue[subject].kind !== 'query') continue;
      const responder = new QueryResponder(this.nc, subject as QuerySubject, service, handler, config.NATS_CONCURRENCY);
      responder.start();
      this.responders.push(responder);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.consumers.map((c) => c.stop()), ...this.responders.map((r) => r.stop())]);
  }

  private isCommand(subject: Subject, routing: 'shared' | 'instance'): boolean {
    const definition = catalogue[subject];
    return definition.kind === 'command' && definition.routing === routing;
  }

  private discoverHandlers(): { handlers: Map<Subject, Handler>; anyEvent: Handler | undefined } {
    const handlers = new Map<Subject, Handler>();
    let anyEvent: Handler | undefined;
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        if (Reflect.getMetadata(ANY_EVENT_HANDLER_METADATA, method) === true) {
          if (anyEvent) {
            throw new MessagingException(
              MessagingExceptionCode.HANDLER_DUPLICATE,
              `${this.options.service} has two @OnAnyEvent handlers`,
            );
          }
          anyEvent = (method as Handler).bind(instance);
        }
        const subject = Reflect.getMetadata(MESSAGE_HANDLER_METADATA, method) as Subject | undefined;
        if (!subject) continue;
        if (handlers.has(subject)) {
          throw new MessagingException(
            MessagingExceptionCode.HANDLER_DUPLICATE,
            `${subject} has two handlers in ${this.options.service}`,
          );
        }
        handlers.set(subject, (method as Handler).bind(instance));
      }
    }
    return { handlers, anyEvent };
  }

  /** Every command addressed to this service and every query it answers must have a handler. */
  private assertComplete(handlers: Map<Subject, Handler>): void {
    const missing = (Object.keys(catalogue) as Subject[]).filter((subject) => {
      const d = catalogue[subject];
      const mine =
        (d.kind === 'command' && d.consumer === this.options.service) ||
        (d.kind === 'query' && d.responder === this.options.service);
      return mine && !handlers.has(subject);
    });
    if (missing.length > 0) {
      throw new MessagingException(
        MessagingExceptionCode.HANDLER_MISSING,
        `${this.options.service} has no handler for ${missing.join(', ')}`,
      );
    }
  }

  private async publishFailure(subject: Subject, envelope: Envelope, error: ErrorInfo, thrown: unknown): Promise<void> {
    const payload = envelope.payload as { stepIndex?: unknown };
    await this.bus.publish(
      `webbyflow.evt.${this.options.service}.failed.v1`,
      {
        ...failureFieldsOf(thrown),
        taskId: envelope.correlationId,
        stepIndex: typeof payload.stepIndex === 'number' ? payload.stepIndex : null,
        operation: subject,
        error,
      },
      causedBy(envelope, `${envelope.id}:failed`),
    );
  }
}

import type {
  CommandSubject,
  Envelope,
  EventSubject,
  PayloadOf,
  QuerySubject,
  ReplyOf,
  Subject,
} from '@webbyflow/contracts';
import type { z } from 'zod';
import type { Catalogue } from '@webbyflow/contracts';

export const MESSAGE_HANDLER_METADATA = Symbol('webbyflow:message-handler');
export const ANY_EVENT_HANDLER_METADATA = Symbol('webbyflow:any-event-handler');

export type MessageHandler<S extends Subject> = (message: Envelope<PayloadOf<S>>) => Promise<void>;
export type QueryMessage<Q extends QuerySubject> = Envelope<PayloadOf<Q>>;
export type QueryHandler<Q extends QuerySubject> = (
  message: QueryMessage<Q>,
) => Promise<z.input<Catalogue[Q]['reply']> | ReplyOf<Q>>;

/**
 * Marks a provider method as the handler of an event or command. The envelope it receives has been
 * validated against the catalogue schema. Return to ack; throw a non-terminal error to be redelivered
 * with backoff; throw a terminal DomainException to stop redelivery and publish the service's
 * `*.failed` event.
 */
export function OnMessage<S extends EventSubject | CommandSubject>(subject: S) {
  return <M extends MessageHandler<S>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    if (descriptor.value) Reflect.defineMetadata(MESSAGE_HANDLER_METADATA, subject, descriptor.value);
  };
}

/** Marks a provider method as the responder of a request/reply query; its return value is the reply. */
export function OnQuery<Q extends QuerySubject>(subject: Q) {
  return <M extends QueryHandler<Q>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    if (descriptor.value) Reflect.defineMetadata(MESSAGE_HANDLER_METADATA, subject, descriptor.value);
  };
}

/**
 * Marks a provider method that sees every event on the stream (any subject), through its own durable
 * consumer `<service>-event-log`, e.g. to keep an audit log. At most one per service.
 */
export function OnAnyEvent() {
  return <M extends MessageHandler<EventSubject>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    if (descriptor.value) Reflect.defineMetadata(ANY_EVENT_HANDLER_METADATA, true, descriptor.value);
  };
}

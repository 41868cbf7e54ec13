import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KvBuckets } from './kv-buckets';
import { MessageBus } from './message-bus';
import type { MessagingOptions } from './messaging.config';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';

/**
 * Our thin Nest integration of NATS JetStream: one connection, a typed MessageBus, and the consumers
 * and responders for every `@OnMessage` / `@OnQuery` method found at bootstrap.
 */
@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  static forRoot(options: MessagingOptions): DynamicModule {
    if (!/^[A-Za-z0-9_-]+$/.test(options.instanceId)) {
      throw new Error(`instanceId "${options.instanceId}" must match [A-Za-z0-9_-]+ (it is a NATS subject token)`);
    }
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: NATS_CONNECTION,
          useFactory: () =>
            connect({
              servers: options.config.NATS_URL.split(','),
              name: `${options.service}:${options.instanceId}`,
              maxReconnectAttempts: -1,
              waitOnFirstConnect: true,
            }),
        },
        {
          provide: MessageBus,
          inject: [NATS_CONNECTION],
          useFactory: (nc: NatsConnection) => new MessageBus(nc, jetstream(nc), options.config.NATS_REQUEST_TIMEOUT_MS),
        },
        MessagingLifecycle,
        KvBuckets,
      ],
      exports: [MessageBus, KvBuckets, NATS_CONNECTION, MESSAGING_OPTIONS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

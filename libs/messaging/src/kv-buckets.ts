import { jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import { withDeadline } from '@webbyflow/common';
import type { BucketSpec } from '@webbyflow/contracts';
import type { z } from 'zod';
import type { MessagingOptions } from './messaging.config';
import { MessagingException, MessagingExceptionCode } from './messaging.exception';
import { MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';

/** A value read back with the revision the server gave it (changes on every put). */
export interface BucketEntry<T> {
  value: T;
  revision: number;
}

/** A JetStream key-value bucket typed by its spec: values are validated both ways, every call has a deadline. */
export class TypedBucket<S extends z.ZodType> {
  constructor(
    private readonly kv: KV,
    private readonly spec: BucketSpec<S>,
    private readonly timeoutMs: number,
  ) {}

  async put(key: string, value: z.input<S>): Promise<void> {
    const data = new TextEncoder().encode(JSON.stringify(this.spec.schema.parse(value)));
    if (data.length > this.spec.maxValueBytes) {
      throw new MessagingException(
        MessagingExceptionCode.VALUE_TOO_LARGE,
        `${this.spec.name}/${key}: ${data.length} bytes is over the ${this.spec.maxValueBytes}-byte limit`,
      );
    }
    await withDeadline(`put ${this.spec.name}/${key}`, this.timeoutMs, () => this.kv.put(key, data));
  }

  /** The current value, or null when the key has none (never put, deleted or expired). */
  async get(key: string): Promise<BucketEntry<z.output<S>> | null> {
    const entry = await withDeadline(`get ${this.spec.name}/${key}`, this.timeoutMs, () => this.kv.get(key));
    if (!entry || entry.operation !== 'PUT') return null;
    const parsed = this.spec.schema.safeParse(entry.json());
    if (!parsed.success) {
      throw new MessagingException(MessagingExceptionCode.INVALID_MESSAGE, `${this.spec.name}/${key} is malformed`);
    }
    return { value: parsed.data, revision: entry.revision };
  }

  async delete(key: string): Promise<void> {
    await withDeadline(`delete ${this.spec.name}/${key}`, this.timeoutMs, () => this.kv.delete(key));
  }
}

/** Opens (creating when missing) the key-value buckets of `libs/contracts`, once per process. */
@Injectable()
export class KvBuckets {
  private readonly opened = new Map<string, Promise<KV>>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async open<S extends z.ZodType>(spec: BucketSpec<S>): Promise<TypedBucket<S>> {
    const timeoutMs = this.options.config.NATS_REQUEST_TIMEOUT_MS;
    let kv = this.opened.get(spec.name);
    if (!kv) {
      const kvm = new Kvm(jetstream(this.nc, { timeout: timeoutMs }));
      kv = withDeadline(`open bucket ${spec.name}`, timeoutMs, () =>
        kvm.create(spec.name, {
          history: 1,
          ttl: spec.maxAgeMs,
          maxValueSize: spec.maxValueBytes,
          replicas: this.options.config.NATS_STREAM_REPLICAS,
        }),
      );
      this.opened.set(spec.name, kv);
      kv.catch(() => this.opened.delete(spec.name)); // opened again on the next call
    }
    return new TypedBucket(await kv, spec, timeoutMs);
  }
}

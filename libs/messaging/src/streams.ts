import { nanos } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import {
  COMMANDS_STREAM,
  COMMANDS_SUBJECTS,
  EVENTS_STREAM,
  EVENTS_SUBJECTS,
  type ServiceName,
} from '@webbyflow/contracts';
import type { MessagingConfig } from './messaging.config';

const DUPLICATE_WINDOW_MS = 2 * 60_000;

/** The two durable streams: replayable events, and a work queue of commands. Idempotent. */
export async function ensureStreams(jsm: JetStreamManager, config: MessagingConfig): Promise<void> {
  await upsertStream(jsm, {
    name: EVENTS_STREAM,
    subjects: [EVENTS_SUBJECTS],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(config.NATS_EVENTS_MAX_AGE_HOURS * 3_600_000),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: config.NATS_STREAM_REPLICAS,
  });
  await upsertStream(jsm, {
    name: COMMANDS_STREAM,
    subjects: [COMMANDS_SUBJECTS],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: config.NATS_STREAM_REPLICAS,
  });
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || !/not found/i.test(error.message)) throw error;
    await jsm.streams.add(config);
  }
}

/** Filter of the shared command consumer of a service: `webbyflow.cmd.<svc>.<name>.<version>`. */
export const sharedCommandFilter = (service: ServiceName) => `webbyflow.cmd.${service}.*.*`;
/** Filter of the instance command consumer: the shared subject plus a routing token. */
export const instanceCommandFilter = (service: ServiceName, instanceId: string) =>
  `webbyflow.cmd.${service}.*.*.${instanceId}`;

export interface DurableConsumerSpec {
  stream: string;
  durable: string;
  filterSubject: string;
  ackWaitMs: number;
  maxDeliver: number;
  maxAckPending: number;
  /** Events: a new consumer starts at messages published from now on, not the whole history. */
  deliverNew: boolean;
}

export async function ensureConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  const config = {
    durable_name: spec.durable,
    filter_subject: spec.filterSubject,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    max_ack_pending: spec.maxAckPending,
  };
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
    await jsm.consumers.update(spec.stream, spec.durable, config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || !/not found/i.test(error.message)) throw error;
    await jsm.consumers.add(spec.stream, {
      ...config,
      deliver_policy: spec.deliverNew ? DeliverPolicy.New : DeliverPolicy.All,
    });
  }
}

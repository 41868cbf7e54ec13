import type { ServiceName } from '@webbyflow/contracts';
import { z } from 'zod';

/** Environment of the messaging layer, shared by every service. */
export const messagingConfigSchema = z.object({
  /** Comma-separated NATS server URLs. */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Time a handler may hold a message before JetStream redelivers it (heartbeats extend it). */
  NATS_ACK_WAIT_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Deliveries of one message before it is given up and a `*.failed` event is published. */
  NATS_MAX_DELIVER: z.coerce.number().int().min(1).default(5),
  /** Messages one consumer processes at a time, and queries of one subject answered at a time. */
  NATS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Timeout of a request/reply query. */
  NATS_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Copies of each stream in a NATS cluster (JetStream replication); 1 on a single server, 3 on a cluster. */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** How long events stay in the stream for replay by outside consumers. */
  NATS_EVENTS_MAX_AGE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 7),
});
export type MessagingConfig = z.output<typeof messagingConfigSchema>;

export interface MessagingOptions {
  /** The service this process is, as named in the catalogue. */
  service: ServiceName;
  /** Stable id of this process, a NATS token (`[A-Za-z0-9_-]+`); routes sticky commands to it. */
  instanceId: string;
  config: MessagingConfig;
}

import type { Envelope } from '@webbyflow/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The channel the `outbox` table's insert trigger notifies on commit (see the AddOutbox migration). */
export const OUTBOX_CHANNEL = 'webbyflow_outbox';

/**
 * A message written in the same transaction as the state change that emits it (transactional outbox);
 * the orchestrator's relay publishes unsent rows to JetStream in `id` order with `message_id` as the
 * `Nats-Msg-Id`, then sets `sent_at`. Sent rows are deleted after a retention period.
 */
@Entity({ name: 'outbox' })
@Index('IDX_outbox_unsent', ['id'], { where: 'sent_at IS NULL' })
@Index('IDX_outbox_sent_at', ['sentAt'], { where: 'sent_at IS NOT NULL' })
export class OutboxMessageEntity {
  /** Insertion order; within one run it is commit order, since every write holds the run's row lock. */
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'bigint' })
  id!: string;

  /** The envelope id: deterministic per fact or command, and JetStream's de-duplication id. */
  @Index({ unique: true })
  @Column({ name: 'message_id', type: 'varchar', length: 256 })
  messageId!: string;

  /** The catalogue subject. */
  @Column({ name: 'subject', type: 'varchar', length: 128 })
  subject!: string;

  /** Where it is published: the subject, plus the instance token of an instance-routed command. */
  @Column({ name: 'address', type: 'varchar', length: 256 })
  address!: string;

  /** The run (envelope correlation id): rows of one run are published one after another. */
  @Column({ name: 'correlation_id', type: 'varchar', length: 256 })
  correlationId!: string;

  /** The whole envelope (meta and payload), validated against the catalogue when it was written. */
  @Column({ name: 'envelope', type: 'jsonb' })
  envelope!: Envelope;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** Failed publish attempts, and the last failure, while NATS refuses or is away. */
  @Column({ name: 'attempts', type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}

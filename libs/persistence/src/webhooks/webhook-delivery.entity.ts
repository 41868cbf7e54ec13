import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_DELIVERY_TRIGGERS,
  type WebhookAttemptRecord,
  type WebhookDeliveryStatus,
  type WebhookDeliveryTrigger,
} from './webhook-delivery-status';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One delivery of a run's final result to its webhook_url, kept until it is delivered or given up,
 * so an orchestrator restart resumes it. Every attempt is in `attempts`; the `last_*` columns repeat
 * the latest one for queries. Pollers claim due rows with FOR UPDATE SKIP LOCKED on (status, next_attempt_at).
 */
@Entity({ name: 'webhook_deliveries' })
@Check(`"status" IN (${list(WEBHOOK_DELIVERY_STATUSES)})`)
@Check(`"trigger" IN (${list(WEBHOOK_DELIVERY_TRIGGERS)})`)
@Index(['status', 'nextAttemptAt'])
@Index(['taskId', 'createdAt'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @ForeignKey('tasks', { onDelete: 'CASCADE' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Column({ name: 'url', type: 'text' })
  url!: string;

  /** `WebbyFlow-Event-Id`: the same for every attempt and every resend of one result, so receivers dedupe. */
  @Column({ name: 'event_id', type: 'varchar', length: 256 })
  eventId!: string;

  @Column({ name: 'trigger', type: 'varchar', length: 16 })
  trigger!: WebhookDeliveryTrigger;

  /** The JSON body, fixed when the delivery is queued; every attempt sends exactly it. */
  @Column({ name: 'payload', type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'pending' })
  status!: WebhookDeliveryStatus;

  /** Attempts made so far. */
  @Column({ name: 'attempt', type: 'int', default: 0 })
  attempt!: number;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs!: number | null;

  /** When a poller may take it next (also the lease of an attempt in flight); null once settled. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'attempts', type: 'jsonb', default: () => "'[]'" })
  attempts!: WebhookAttemptRecord[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

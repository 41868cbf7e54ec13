import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every event of a run as it was published, kept by the orchestrator so the API can show a run's
 * history. The primary key is the envelope id, so a redelivered event is stored once.
 */
@Entity({ name: 'run_events' })
@Index(['taskId', 'occurredAt'])
export class RunEventEntity {
  @PrimaryColumn({ name: 'id', type: 'varchar', length: 256 })
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @Column({ name: 'subject', type: 'varchar', length: 128 })
  subject!: string;

  @Column({ name: 'version', type: 'int' })
  version!: number;

  @Column({ name: 'causation_id', type: 'varchar', length: 256, nullable: true })
  causationId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'payload', type: 'jsonb' })
  payload!: unknown;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

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

export const RECOVERY_ATTEMPT_STATUSES = ['awaiting_session', 'attempted', 'succeeded', 'exhausted'] as const;
export type RecoveryAttemptStatus = (typeof RECOVERY_ATTEMPT_STATUSES)[number];

/**
 * One decision of the error-recovery coordinator about a service's `*.failed` event. `failure_id` (the
 * failure's envelope id) is unique, so a redelivered failure is decided once.
 */
@Entity({ name: 'recovery_attempts' })
@Check(`"status" IN (${RECOVERY_ATTEMPT_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Index(['taskId', 'createdAt'])
export class RecoveryAttemptEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @ForeignKey('tasks', { onDelete: 'CASCADE' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** The step the failure hit; null before the run's first step. */
  @Column({ name: 'step_index', type: 'int', nullable: true })
  stepIndex!: number | null;

  @Index({ unique: true })
  @Column({ name: 'failure_id', type: 'varchar', length: 256 })
  failureId!: string;

  @Column({ name: 'component', type: 'varchar', length: 32 })
  component!: string;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  @Column({ name: 'strategy', type: 'varchar', length: 32 })
  strategy!: string;

  @Column({ name: 'attempt', type: 'int' })
  attempt!: number;

  @Column({ name: 'max_attempts', type: 'int' })
  maxAttempts!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: RecoveryAttemptStatus;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  /** Id of the command the attempt sent, e.g. the replacement open_session (matched by its session_opened). */
  @Column({ name: 'command_id', type: 'varchar', length: 256, nullable: true })
  commandId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

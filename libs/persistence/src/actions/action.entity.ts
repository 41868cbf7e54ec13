import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ACTION_STATUSES, type ActionStatus } from './action-status';

/** One planned browser action of a step, and what executing it did. */
@Entity({ name: 'actions' })
@Check(`"status" IN (${ACTION_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Index(['stepId', 'index'], { unique: true })
export class ActionEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @ForeignKey('steps', { onDelete: 'CASCADE' })
  @Column({ name: 'step_id', type: 'uuid' })
  stepId!: string;

  /** Denormalised from the step so a task's actions load with one indexed query. */
  @Index()
  @ForeignKey('tasks', { onDelete: 'CASCADE' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** 0-based position within the step. */
  @Column({ name: 'index', type: 'int' })
  index!: number;

  @Column({ name: 'type', type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'element_id', type: 'varchar', length: 64, nullable: true })
  elementId!: string | null;

  /** The full planned action (an `ActionV1`). */
  @Column({ name: 'input', type: 'jsonb' })
  input!: Record<string, unknown>;

  @Column({ name: 'reasoning', type: 'text', default: '' })
  reasoning!: string;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'pending' })
  status!: ActionStatus;

  @Column({ name: 'result', type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

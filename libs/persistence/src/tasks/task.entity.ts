import type { RecoveryRuleV1 } from '@webbyflow/contracts';
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
import { TASK_STATUSES, type TaskStatus } from './task-status';

// Default (hashed) constraint names on purpose: TypeORM diffs checks by name only, so a new status
// changes the name and `migration:generate` notices.
@Entity({ name: 'tasks' })
@Check(`"status" IN (${TASK_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Index(['status', 'deadlineAt'])
@Index('IDX_tasks_admission', ['status', 'priority', 'createdAt'])
@Index('UQ_tasks_org_idempotency_key', ['orgId', 'idempotencyKey'], { unique: true })
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @Index()
  @ForeignKey('orgs', { onDelete: 'RESTRICT' })
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  /** Change only through `assertTransition` (task-status.ts). */
  @Column({ name: 'status', type: 'varchar', length: 16, default: 'created' })
  status!: TaskStatus;

  @Column({ name: 'url', type: 'text' })
  url!: string;

  @Column({ name: 'goal', type: 'text' })
  goal!: string;

  @Column({ name: 'payload', type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;

  @Column({ name: 'extraction_schema', type: 'jsonb', nullable: true })
  extractionSchema!: Record<string, unknown> | null;

  @Column({ name: 'max_steps', type: 'int' })
  maxSteps!: number;

  @Column({ name: 'timeout_seconds', type: 'int' })
  timeoutSeconds!: number;

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  /** Per-task browser settings (BrowserOptionsV1), passed to browser-svc when the session opens. */
  @Column({ name: 'browser_options', type: 'jsonb', default: () => "'{}'" })
  browserOptions!: Record<string, unknown>;

  /** Queued runs start highest priority first (-10..10), then oldest first. */
  @Column({ name: 'priority', type: 'int', default: 0 })
  priority!: number;

  /** The planner the task asked for (`auto`, `llm`, `heuristic`, `cache_only`); null: llm-svc's default. */
  @Column({ name: 'planner', type: 'varchar', length: 16, nullable: true })
  planner!: string | null;

  /** How the run uses the action-plan cache: `use`, `refresh` (record only) or `off`. */
  @Column({ name: 'plan_cache', type: 'varchar', length: 8, default: 'use' })
  planCache!: string;

  /** What the cache did for the run (`hit`, `healed`, `miss`, `none`, `bypassed`); null before the first plan. */
  @Column({ name: 'plan_cache_outcome', type: 'varchar', length: 16, nullable: true })
  planCacheOutcome!: string | null;

  /** Steps of the run replayed from the cache with no planner. */
  @Column({ name: 'plan_cache_steps', type: 'int', default: 0 })
  planCacheSteps!: number;

  /** The run's plan was written to the cache when it completed. */
  @Column({ name: 'plan_cache_recorded', type: 'boolean', default: false })
  planCacheRecorded!: boolean;

  /** The task's own recovery rules (RecoveryRuleV1), searched before the org's and the global ones. */
  @Column({ name: 'recovery_rules', type: 'jsonb', default: () => "'[]'" })
  recoveryRules!: RecoveryRuleV1[];

  /** The client's `Idempotency-Key`, unique per org; a repeat of the create returns this task. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  /** sha256 of the spec created with `idempotencyKey`, to tell a repeat from a different request. */
  @Column({ name: 'idempotency_hash', type: 'varchar', length: 64, nullable: true })
  idempotencyHash!: string | null;

  /** When admission gave the run a slot (open_session sent); null while it waits in the queue. */
  @Column({ name: 'admitted_at', type: 'timestamptz', nullable: true })
  admittedAt!: Date | null;

  /** How many times the run was admitted; a run put back by a full browser is admitted again. */
  @Column({ name: 'admission_count', type: 'int', default: 0 })
  admissionCount!: number;

  /** The task's model (`openai:gpt-4o`, …); null: llm-svc's default. */
  @Column({ name: 'model', type: 'varchar', length: 200, nullable: true })
  model!: string | null;

  /** Send the screenshot to the model on every step. */
  @Column({ name: 'vision', type: 'boolean', default: false })
  vision!: boolean;

  /** The run fails with MAX_COST_REACHED once `cost_usd` reaches this. */
  @Column({ name: 'max_cost_usd', type: 'double precision', nullable: true })
  maxCostUsd!: number | null;

  /** Model use summed over the run's planned steps (written with each plan, under the run's row lock). */
  @Column({ name: 'input_tokens', type: 'int', default: 0 })
  inputTokens!: number;

  @Column({ name: 'output_tokens', type: 'int', default: 0 })
  outputTokens!: number;

  @Column({ name: 'cached_tokens', type: 'int', default: 0 })
  cachedTokens!: number;

  @Column({ name: 'cost_usd', type: 'double precision', default: 0 })
  costUsd!: number;

  @Column({ name: 'llm_calls', type: 'int', default: 0 })
  llmCalls!: number;

  @Column({ name: 'output', type: 'jsonb', nullable: true })
  output!: unknown;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true })
  failureCode!: string | null;

  @Column({ name: 'browser_instance_id', type: 'varchar', length: 128, nullable: true })
  browserInstanceId!: string | null;

  @Column({ name: 'step_count', type: 'int', default: 0 })
  stepCount!: number;

  @Column({ name: 'current_step_index', type: 'int', nullable: true })
  currentStepIndex!: number | null;

  /** When the run must end, set when it is admitted (time in the queue does not count); sweeps scan (status, deadline_at). */
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

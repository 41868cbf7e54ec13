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
import type { CachedStepV1 } from '@webbyflow/contracts';
import { STEP_STATUSES, type StepStatus } from './step-status';

/** One scrape → plan → act round of a task. */
@Entity({ name: 'steps' })
@Check(`"status" IN (${STEP_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Index(['taskId', 'index'], { unique: true })
export class StepEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @ForeignKey('tasks', { onDelete: 'CASCADE' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** 0-based position within the task. */
  @Column({ name: 'index', type: 'int' })
  index!: number;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: StepStatus;

  @Column({ name: 'url', type: 'text', nullable: true })
  url!: string | null;

  @Column({ name: 'title', type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'reasoning', type: 'text', nullable: true })
  reasoning!: string | null;

  @Column({ name: 'provider', type: 'varchar', length: 64, nullable: true })
  provider!: string | null;

  @Column({ name: 'model', type: 'varchar', length: 128, nullable: true })
  model!: string | null;

  /** Which planner made the step's plan: `llm`, `heuristic` or `cache` (a replay). */
  @Column({ name: 'planner', type: 'varchar', length: 16, nullable: true })
  planner!: string | null;

  /** The plan as the action-plan cache keeps it (payload values as references); null when it cannot be. */
  @Column({ name: 'cached_step', type: 'jsonb', nullable: true })
  cachedStep!: CachedStepV1 | null;

  /** Why the cache's step for this index was not replayed. */
  @Column({ name: 'cache_miss', type: 'text', nullable: true })
  cacheMiss!: string | null;

  /** The heuristic planner's confidence in its plan (0–1), when it was asked. */
  @Column({ name: 'planner_confidence', type: 'real', nullable: true })
  plannerConfidence!: number | null;

  @Column({ name: 'input_tokens', type: 'int', default: 0 })
  inputTokens!: number;

  @Column({ name: 'output_tokens', type: 'int', default: 0 })
  outputTokens!: number;

  /** Prompt tokens the provider served from its cache (part of input_tokens). */
  @Column({ name: 'cached_tokens', type: 'int', default: 0 })
  cachedTokens!: number;

  /** USD of every model call of this step's planning. */
  @Column({ name: 'cost_usd', type: 'double precision', default: 0 })
  costUsd!: number;

  /** The plan came from a fallback model. */
  @Column({ name: 'llm_fallback', type: 'boolean', default: false })
  llmFallback!: boolean;

  /** Each model call of the planning (LlmCallV1): attempts, repair, outcome, tokens, cost. */
  @Column({ name: 'llm_calls', type: 'jsonb', default: () => "'[]'" })
  llmCalls!: Record<string, unknown>[];

  @Column({ name: 'element_tree_artifact_id', type: 'uuid', nullable: true })
  elementTreeArtifactId!: string | null;

  @Column({ name: 'screenshot_artifact_id', type: 'uuid', nullable: true })
  screenshotArtifactId!: string | null;

  @Column({ name: 'html_artifact_id', type: 'uuid', nullable: true })
  htmlArtifactId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

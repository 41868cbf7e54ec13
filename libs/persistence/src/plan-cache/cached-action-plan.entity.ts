import type { CachedStepV1 } from '@webbyflow/contracts';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A completed run's plan, kept so a later task with the same key replays it without a model (action-plan
 * cache, issue #4). One entry per org and key (URL pattern, goal, payload key set); the steps hold payload
 * references, never values, and each action the print of its target. Rewritten when a replay had to heal.
 */
@Entity({ name: 'cached_action_plans' })
@Index(['orgId', 'key'], { unique: true })
export class CachedActionPlanEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  id!: string;

  @ForeignKey('orgs', { onDelete: 'CASCADE' })
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  /** sha256 (hex) of the normalised URL pattern, goal and payload keys. */
  @Column({ name: 'key', type: 'char', length: 64 })
  key!: string;

  @Column({ name: 'url_pattern', type: 'text' })
  urlPattern!: string;

  @Column({ name: 'goal', type: 'text' })
  goal!: string;

  @Column({ name: 'payload_keys', type: 'jsonb' })
  payloadKeys!: string[];

  /** Print of the first page's controls; the first step replays only on a page with the same print. */
  @Column({ name: 'page_fingerprint', type: 'varchar', length: 64 })
  pageFingerprint!: string;

  @Column({ name: 'steps', type: 'jsonb' })
  steps!: CachedStepV1[];

  /** The run the steps were last recorded from. */
  @Column({ name: 'source_task_id', type: 'uuid' })
  sourceTaskId!: string;

  /** Runs that replayed every step from the entry. */
  @Column({ name: 'hits', type: 'int', default: 0 })
  hits!: number;

  /** Runs that replayed some steps and planned others (the entry was then rewritten). */
  @Column({ name: 'heals', type: 'int', default: 0 })
  heals!: number;

  /** Runs that found the entry but could not replay its first step on their page (then planned afresh). */
  @Column({ name: 'misses', type: 'int', default: 0 })
  misses!: number;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

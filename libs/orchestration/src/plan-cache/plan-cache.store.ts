import type { CachedStepV1 } from '@webbyflow/contracts';
import { CachedActionPlanEntity } from '@webbyflow/persistence';
import type { EntityManager } from 'typeorm';
import { planCacheKey, type PlanCacheKeyParts } from './plan-cache.key';

/**
 * The action-plan cache in Postgres: one entry per org and key. Works inside the caller's transaction
 * (the run's), so an entry is written with the run's completion or not at all.
 */
export class PlanCacheStore {
  constructor(private readonly em: EntityManager) {}

  find(orgId: string, parts: PlanCacheKeyParts): Promise<CachedActionPlanEntity | null> {
    return this.em.findOne(CachedActionPlanEntity, { where: { orgId, key: planCacheKey(parts) } });
  }

  /**
   * Stores the steps of a run that completed, replacing the entry for the key (the newest working plan
   * wins) in one upsert, so two runs finishing at once leave one entry. `healed` counts a run that replayed
   * part of the entry and planned the rest; the counters of an existing entry are kept.
   */
  async record(
    orgId: string,
    parts: PlanCacheKeyParts,
    plan: { pageFingerprint: string; steps: CachedStepV1[]; sourceTaskId: string },
    healed = false,
  ): Promise<void> {
    await this.em.query(
      `INSERT INTO cached_action_plans
         (org_id, key, url_pattern, goal, payload_keys, page_fingerprint, steps, source_task_id, heals, last_used_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $9 > 0 THEN now() END)
       ON CONFLICT (org_id, key) DO UPDATE SET
         page_fingerprint = EXCLUDED.page_fingerprint,
         steps = EXCLUDED.steps,
         source_task_id = EXCLUDED.source_task_id,
         heals = cached_action_plans.heals + EXCLUDED.heals,
         last_used_at = COALESCE(EXCLUDED.last_used_at, cached_action_plans.last_used_at),
         updated_at = now()`,
      [
        orgId,
        planCacheKey(parts),
        parts.urlPattern,
        parts.goal,
        JSON.stringify(parts.payloadKeys),
        plan.pageFingerprint,
        JSON.stringify(plan.steps),
        plan.sourceTaskId,
        healed ? 1 : 0,
      ],
    );
  }

  /** Counts a run that replayed the whole entry without a planner. */
  async countHit(orgId: string, parts: PlanCacheKeyParts): Promise<void> {
    await this.em.query(
      `UPDATE cached_action_plans SET hits = hits + 1, last_used_at = now() WHERE org_id = $1 AND key = $2`,
      [orgId, planCacheKey(parts)],
    );
  }

  /** Counts a run that found the entry but could not replay its first step (it then planned afresh). */
  async countMiss(orgId: string, parts: PlanCacheKeyParts): Promise<void> {
    await this.em.query(
      `UPDATE cached_action_plans SET misses = misses + 1, last_used_at = now() WHERE org_id = $1 AND key = $2`,
      [orgId, planCacheKey(parts)],
    );
  }
}

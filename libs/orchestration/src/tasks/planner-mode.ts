import { PlanCacheModeV1, PlanCacheOutcomeV1, PlannerKindV1, PlannerModeV1 } from '@webbyflow/contracts';

/** A task row's planner column as the contract's enum; anything unknown (a newer value) reads as `auto`. */
export function plannerMode(stored: string): PlannerModeV1 {
  const parsed = PlannerModeV1.safeParse(stored);
  return parsed.success ? parsed.data : 'auto';
}

/** A step row's planner column as the contract's enum; anything unknown reads as `llm`. */
export function plannerKind(stored: string): PlannerKindV1 {
  const parsed = PlannerKindV1.safeParse(stored);
  return parsed.success ? parsed.data : 'llm';
}

/** A task row's plan_cache column; anything unknown reads as `use`. */
export function planCacheMode(stored: string): PlanCacheModeV1 {
  const parsed = PlanCacheModeV1.safeParse(stored);
  return parsed.success ? parsed.data : 'use';
}

/** A task row's plan_cache_outcome column; null (or a newer value) before/unknown. */
export function planCacheOutcome(stored: string | null): PlanCacheOutcomeV1 | null {
  const parsed = PlanCacheOutcomeV1.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

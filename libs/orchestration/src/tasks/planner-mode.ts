import { PlannerKindV1, PlannerModeV1 } from '@webbyflow/contracts';

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

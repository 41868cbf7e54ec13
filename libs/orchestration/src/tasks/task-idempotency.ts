import { createHash } from 'node:crypto';
import type { TaskSpecV1 } from '@webbyflow/contracts';

/** JSON with object keys sorted, so the same spec always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of a task spec, to tell a repeated create from a different one under the same Idempotency-Key. */
export function specHash(spec: TaskSpecV1): string {
  return createHash('sha256').update(canonical(spec)).digest('hex');
}

/** Postgres's unique_violation. */
export const isUniqueViolation = (error: unknown): boolean =>
  (error as { driverError?: { code?: unknown } } | null)?.driverError?.code === '23505';

import type { MessageBus, PreparedMessage } from '@webbyflow/messaging';
import type { EntityManager } from 'typeorm';

/** An unsent outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  correlationId: string;
  message: PreparedMessage;
}

export interface RelayOutcome {
  sent: string[];
  failed: Array<{ id: string; error: unknown }>;
}

/** Unsent rows, oldest first. */
export async function readUnsent(em: EntityManager, limit: number): Promise<OutboxRow[]> {
  const rows = await em.query<Array<{ id: string; correlation_id: string; address: string; envelope: unknown }>>(
    `SELECT id, correlation_id, address, envelope FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    correlationId: r.correlation_id,
    message: { address: r.address, envelope: r.envelope as PreparedMessage['envelope'] },
  }));
}

/**
 * Publishes rows in order within each run (one after another) and runs side by side. A run's first
 * failure stops its remaining rows, so nothing of a run overtakes an earlier message of it.
 */
export async function publishInOrder(bus: MessageBus, rows: OutboxRow[]): Promise<RelayOutcome> {
  const runs = new Map<string, OutboxRow[]>();
  for (const row of rows) runs.set(row.correlationId, [...(runs.get(row.correlationId) ?? []), row]);
  const outcome: RelayOutcome = { sent: [], failed: [] };
  await Promise.all(
    [...runs.values()].map(async (run) => {
      for (const row of run) {
        try {
          await bus.send(row.message);
          outcome.sent.push(row.id);
        } catch (error) {
          outcome.failed.push({ id: row.id, error });
          return;
        }
      }
    }),
  );
  return outcome;
}

export async function markSent(em: EntityManager, ids: string[]): Promise<void> {
  if (ids.length > 0) await em.query(`UPDATE outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
}

export async function markFailed(em: EntityManager, id: string, error: string): Promise<void> {
  await em.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error]);
}

/** Deletes rows sent more than `retentionHours` ago, a bounded batch at a time; returns how many went. */
export async function deleteSent(em: EntityManager, retentionHours: number, limit = 5_000): Promise<number> {
  const [, count] = await em.query<[unknown, number]>(
    `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at < now() - $1 * interval '1 hour' LIMIT $2)`,
    [retentionHours, limit],
  );
  return count;
}

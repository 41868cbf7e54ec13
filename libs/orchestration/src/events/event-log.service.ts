import { isUuid } from '@webbyflow/common';
import { Injectable } from '@nestjs/common';
import type { Envelope, RunEventViewV1 } from '@webbyflow/contracts';
import { RunEventEntity } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';

/** Keeps every event of a run (any service's) so the API can show the run's history. */
@Injectable()
export class EventLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores an event of a known task once (by envelope id); events of no task are skipped. */
  async record(event: Envelope): Promise<void> {
    if (!isUuid(event.correlationId)) return;
    await this.dataSource.query(
      `INSERT INTO run_events (id, task_id, org_id, subject, version, causation_id, occurred_at, payload)
       SELECT $1, t.id, t.org_id, $3, $4, $5, $6, $7 FROM tasks t WHERE t.id = $2
       ON CONFLICT (id) DO NOTHING`,
      [
        event.id,
        event.correlationId,
        event.subject,
        event.version,
        event.causationId,
        event.occurredAt,
        JSON.stringify(event.payload ?? null),
      ],
    );
  }

  /** A page of a task's events in the order they happened, after the event `after`. */
  async list(
    taskId: string,
    after: string | null,
    limit: number,
  ): Promise<{ events: RunEventViewV1[]; nextCursor: string | null }> {
    const query = this.dataSource
      .getRepository(RunEventEntity)
      .createQueryBuilder('e')
      .where('e.task_id = :taskId', { taskId })
      .orderBy('e.occurred_at', 'ASC')
      // Same instant (clocks of different services, ms precision): the order they reached us, then the id.
      .addOrderBy('e.recorded_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(limit + 1);
    if (after) {
      query.andWhere(
        `(e.occurred_at, e.recorded_at, e.id) >
         (SELECT occurred_at, recorded_at, id FROM run_events WHERE id = :after AND task_id = :taskId)`,
        { after },
      );
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    return {
      events: page.map((row) => ({
        id: row.id,
        subject: row.subject,
        version: row.version,
        occurredAt: row.occurredAt.toISOString(),
        causationId: row.causationId,
        payload: row.payload,
      })),
      nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }
}

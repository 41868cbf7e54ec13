import { Injectable } from '@nestjs/common';
import type { PlanCacheEntryViewV1 } from '@webbyflow/contracts';
import { CachedActionPlanEntity } from '@webbyflow/persistence';
import { DataSource } from 'typeorm';

/** The org's view of its action-plan cache: the entries with their counters. */
@Injectable()
export class PlanCacheEntriesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    orgId: string,
    page: { after: string | null; limit: number },
  ): Promise<{ entries: PlanCacheEntryViewV1[]; nextCursor: string | null }> {
    const query = this.dataSource
      .getRepository(CachedActionPlanEntity)
      .createQueryBuilder('c')
      .where('c.org_id = :orgId', { orgId })
      .orderBy('c.updated_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(page.limit + 1);
    if (page.after)
      query.andWhere(
        '(c.updated_at, c.id) < (SELECT updated_at, id FROM cached_action_plans WHERE id = :after AND org_id = :orgId)',
        { after: page.after },
      );
    const rows = await query.getMany();
    const entries = rows.slice(0, page.limit).map(toEntryView);
    return { entries, nextCursor: rows.length > page.limit ? (entries.at(-1)?.id ?? null) : null };
  }
}

function toEntryView(entry: CachedActionPlanEntity): PlanCacheEntryViewV1 {
  return {
    id: entry.id,
    urlPattern: entry.urlPattern,
    goal: entry.goal,
    payloadKeys: entry.payloadKeys,
    steps: entry.steps.length,
    actions: entry.steps.reduce((n, step) => n + step.actions.length, 0),
    hits: entry.hits,
    misses: entry.misses,
    heals: entry.heals,
    sourceTaskId: entry.sourceTaskId,
    lastUsedAt: entry.lastUsedAt?.toISOString() ?? null,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

import type { CachedStepV1 } from '@webbyflow/contracts';
import { CachedActionPlanEntity, createScratchDatabase, type ScratchDatabase } from '@webbyflow/persistence';
import { planCacheKeyParts } from './plan-cache.key';
import { PlanCacheStore } from './plan-cache.store';

const step = (name: string): CachedStepV1 => ({
  pageFingerprint: 'p1',
  actions: [
    {
      action: { type: 'click', elementId: 'e1', reasoning: '' },
      targets: { elementId: { role: 'button', tag: 'button', name, frame: '', nth: 0, of: 1 } },
    },
  ],
});

describe(PlanCacheStore.name, () => {
  let db: ScratchDatabase;
  let orgId: string;
  let otherOrgId: string;
  const parts = planCacheKeyParts({ url: 'https://x.io/contact', goal: 'Send it', payload: { name: 'Ada' } });

  beforeAll(async () => {
    db = await createScratchDatabase({ label: 'plan-cache', migrate: true });
    const orgs = await db.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO orgs (name) VALUES ('a'), ('b') RETURNING id`,
    );
    [orgId, otherOrgId] = orgs.map((o) => o.id);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const store = () => new PlanCacheStore(db.dataSource.manager);
  const taskId = () => crypto.randomUUID();

  it('should find the entry of the same org and key only', async () => {
    await store().record(orgId, parts, { pageFingerprint: 'p1', steps: [step('Send')], sourceTaskId: taskId() });
    const same = planCacheKeyParts({ url: 'https://X.io/contact', goal: 'send it.', payload: { name: 'Bob' } });
    expect((await store().find(orgId, same))?.steps).toEqual([step('Send')]);
    expect(await store().find(otherOrgId, same)).toBeNull();
    expect(await store().find(orgId, { ...parts, payloadKeys: ['email'] })).toBeNull();
  });

  it('should rewrite the steps and keep the counters when a run heals the entry', async () => {
    await store().countHit(orgId, parts);
    const healer = taskId();
    await store().record(
      orgId,
      parts,
      { pageFingerprint: 'p2', steps: [step('Send now')], sourceTaskId: healer },
      true,
    );
    const entry = await db.dataSource.getRepository(CachedActionPlanEntity).findOneByOrFail({ orgId });
    expect(entry).toMatchObject({ hits: 1, heals: 1, pageFingerprint: 'p2', sourceTaskId: healer });
    expect(entry.steps).toEqual([step('Send now')]);
    expect(entry.lastUsedAt).toBeInstanceOf(Date);
  });

  it('should leave one entry when two runs record the same key at once', async () => {
    const racing = planCacheKeyParts({ url: 'https://x.io/race', goal: 'go', payload: {} });
    await Promise.all(
      [1, 2, 3].map(() =>
        db.dataSource.transaction((em) =>
          new PlanCacheStore(em).record(orgId, racing, {
            pageFingerprint: 'p',
            steps: [step('Go')],
            sourceTaskId: taskId(),
          }),
        ),
      ),
    );
    expect(
      await db.dataSource.getRepository(CachedActionPlanEntity).countBy({ orgId, urlPattern: racing.urlPattern }),
    ).toBe(1);
  });
});

import { PERSISTENCE_MIGRATIONS } from './data-source';
import { Migrator } from './migrator/migrator';
import { ScratchDatabase, createScratchDatabase } from './scratch-database';

const tablesOf = async (db: ScratchDatabase): Promise<string[]> => {
  const rows: Array<{ table_name: string }> = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
  );
  return rows.map((row) => row.table_name);
};

describe(Migrator.name, () => {
  let db: ScratchDatabase;

  beforeAll(async () => {
    db = await createScratchDatabase({ label: 'migrations', migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('should apply every migration when up runs on an empty database', async () => {
    const migrator = new Migrator(db.dataSource);
    expect((await migrator.status()).every((m) => !m.applied)).toBe(true);
    const applied = await migrator.up();
    expect(applied).toHaveLength(PERSISTENCE_MIGRATIONS.length);
    expect(await tablesOf(db)).toEqual([
      'actions',
      'api_keys',
      'artifacts',
      'cached_action_plans',
      'orgs',
      'outbox',
      'recovery_attempts',
      'run_events',
      'steps',
      'tasks',
      'webhook_deliveries',
      'webhook_secrets',
    ]);
    expect((await migrator.status()).every((m) => m.applied)).toBe(true);
    expect(await migrator.up()).toEqual([]);
  });

  it('should leave nothing for migration:generate when migrations match the entities', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('should revert every migration and apply them again (reversible)', async () => {
    const migrator = new Migrator(db.dataSource);
    const reverted = await migrator.downAll();
    expect(reverted).toHaveLength(PERSISTENCE_MIGRATIONS.length);
    expect(await tablesOf(db)).toEqual([]);
    expect(await migrator.down()).toBeNull();
    expect(await migrator.up()).toEqual([...reverted].reverse());
    expect(await tablesOf(db)).toHaveLength(12);
    expect((await db.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});

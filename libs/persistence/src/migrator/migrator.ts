import { DataSource, MigrationExecutor } from 'typeorm';

export interface MigrationState {
  name: string;
  applied: boolean;
}

/** Runs the data source's migrations; each runs in its own transaction. */
export class Migrator {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies every pending migration; returns their names, oldest first. */
  async up(): Promise<string[]> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  }

  /** Reverts the latest applied migration; returns its name, or null when none is applied. */
  async down(): Promise<string | null> {
    const executed = await this.executor().getExecutedMigrations();
    if (executed.length === 0) return null;
    const latest = executed.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
    await this.dataSource.undoLastMigration({ transaction: 'each' });
    return latest.name;
  }

  /** Reverts every applied migration, newest first; returns their names in the order reverted. */
  async downAll(): Promise<string[]> {
    const reverted: string[] = [];
    for (let name = await this.down(); name !== null; name = await this.down()) reverted.push(name);
    return reverted;
  }

  /** Every known migration, oldest first, and whether it is applied. */
  async status(): Promise<MigrationState[]> {
    const executor = this.executor();
    const pending = new Set((await executor.getPendingMigrations()).map((m) => m.name));
    const known = this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    return known.map((name) => ({ name, applied: !pending.has(name) }));
  }

  private executor(): MigrationExecutor {
    return new MigrationExecutor(this.dataSource);
  }
}

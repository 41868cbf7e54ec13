import { randomBytes } from 'node:crypto';
import { DataSource, Logger } from 'typeorm';
import { createDataSource } from './data-source';
import { dropDatabase, ensureDatabase } from './database/database-admin';
import { withDatabaseName } from './database/database-url';
import { StderrLogger } from './database/stderr.logger';
import { Migrator } from './migrator/migrator';
import { PersistenceConfig, loadPersistenceConfig } from './persistence.config';

export interface ScratchDatabase {
  name: string;
  url: string;
  config: PersistenceConfig;
  /** Initialised; migrated to the latest migration unless `migrate: false`. */
  dataSource: DataSource;
  /** Closes the data source and drops the database. */
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** Server and credentials to use; defaults to DATABASE_URL (or the local default). */
  baseUrl?: string;
  /** Part of the name, to tell whose database it is: `webbyflow_test_<label>_<random>`. */
  label?: string;
  migrate?: boolean;
  /** Defaults to warnings on stderr: tests that expect a query to fail should not print it. */
  logger?: Logger;
}

/** A fresh, uniquely named database for one test file or tool run. */
export async function createScratchDatabase(options: ScratchDatabaseOptions = {}): Promise<ScratchDatabase> {
  const base = loadPersistenceConfig(options.baseUrl ? { DATABASE_URL: options.baseUrl } : process.env);
  const label = (options.label ?? 'scratch')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  const name = `webbyflow_test_${label}_${randomBytes(4).toString('hex')}`;
  const url = withDatabaseName(base.DATABASE_URL, name);
  const config: PersistenceConfig = { ...base, DATABASE_URL: url, DATABASE_POOL_SIZE: 4 };
  await ensureDatabase(url, config.DATABASE_CONNECT_TIMEOUT_MS);
  const dataSource = createDataSource(config, {
    applicationName: name,
    logger: options.logger ?? new StderrLogger(['warn']),
  });
  try {
    await dataSource.initialize();
    if (options.migrate !== false) await new Migrator(dataSource).up();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(url);
    throw error;
  }
  const drop = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(url, config.DATABASE_CONNECT_TIMEOUT_MS);
  };
  return { name, url, config, dataSource, drop };
}

import { DataSource } from 'typeorm';
import { databaseNameOf, quoteIdentifier, withDatabaseName } from './database-url';

/** The maintenance database every Postgres server has; CREATE/DROP DATABASE run from there. */
const MAINTENANCE_DATABASE = 'postgres';
const DUPLICATE_DATABASE = '42P04';

async function withMaintenanceConnection<T>(
  url: string,
  connectTimeoutMs: number,
  work: (admin: DataSource) => Promise<T>,
): Promise<T> {
  const admin = new DataSource({
    type: 'postgres',
    url: withDatabaseName(url, MAINTENANCE_DATABASE),
    connectTimeoutMS: connectTimeoutMs,
    poolSize: 1,
    logging: false,
  });
  await admin.initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export async function databaseExists(url: string, connectTimeoutMs = 10_000): Promise<boolean> {
  const name = databaseNameOf(url);
  return withMaintenanceConnection(url, connectTimeoutMs, async (admin) => {
    const rows: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  });
}

/** Creates the database `url` names unless it exists; true when it created it. Safe to race. */
export async function ensureDatabase(url: string, connectTimeoutMs = 10_000): Promise<boolean> {
  const name = databaseNameOf(url);
  return withMaintenanceConnection(url, connectTimeoutMs, async (admin) => {
    const rows: unknown[] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length > 0) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (code === DUPLICATE_DATABASE) return false;
      throw error;
    }
  });
}

/** Drops the database `url` names, closing its open connections (Postgres ≥ 13). */
export async function dropDatabase(url: string, connectTimeoutMs = 10_000): Promise<void> {
  const name = databaseNameOf(url);
  await withMaintenanceConnection(url, connectTimeoutMs, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}

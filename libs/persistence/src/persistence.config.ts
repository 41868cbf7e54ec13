import { envBoolean, loadConfig, secret } from '@webbyflow/common';
import { z } from 'zod';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/webbyflow';

/** Env variables of the database connection; apps spread `.shape` into their own config schema. */
export const persistenceConfigSchema = z.object({
  /** Postgres URL; `migrate up` creates the database it names when missing. May hold a password. */
  DATABASE_URL: secret(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+\/[^/?]+/, 'must be postgres://user@host:port/database')
      .default(DEFAULT_DATABASE_URL),
  ),
  /** Connections in the pool. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Deadline for opening a connection. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Server-side deadline for one statement; 0 disables it. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().nonnegative().default(30_000),
  /** Log every SQL query (noisy). */
  DATABASE_LOG_QUERIES: envBoolean(false),
});

export type PersistenceConfig = z.output<typeof persistenceConfigSchema>;

export function loadPersistenceConfig(env: Record<string, string | undefined> = process.env): PersistenceConfig {
  return loadConfig(persistenceConfigSchema, env);
}

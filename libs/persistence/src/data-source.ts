import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { ActionEntity } from './actions/action.entity';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { ArtifactEntity } from './artifacts/artifact.entity';
import { PERSISTENCE_MIGRATIONS } from './migrations';
import { OrgEntity } from './orgs/org.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { CachedActionPlanEntity } from './plan-cache/cached-action-plan.entity';
import { RecoveryAttemptEntity } from './recovery/recovery-attempt.entity';
import { PersistenceConfig } from './persistence.config';
import { RunEventEntity } from './run-events/run-event.entity';
import { StepEntity } from './steps/step.entity';
import { TaskEntity } from './tasks/task.entity';
import { WebhookDeliveryEntity } from './webhooks/webhook-delivery.entity';
import { WebhookSecretEntity } from './webhooks/webhook-secret.entity';

export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/** Every entity, listed by import (no globs) so the same list works from dist and from jest. */
export const PERSISTENCE_ENTITIES = [
  OrgEntity,
  ApiKeyEntity,
  TaskEntity,
  StepEntity,
  ActionEntity,
  ArtifactEntity,
  RunEventEntity,
  WebhookDeliveryEntity,
  WebhookSecretEntity,
  RecoveryAttemptEntity,
  CachedActionPlanEntity,
  OutboxMessageEntity,
];

export { PERSISTENCE_MIGRATIONS };

export interface DataSourceExtras {
  /** Shown in pg_stat_activity, e.g. the service name. */
  applicationName?: string;
  /** Where TypeORM logs; defaults to its console logger (stdout). */
  logger?: Logger;
}

/**
 * Options for `new DataSource(...)` or Nest's `TypeOrmModule.forRoot(...)`. The schema changes only through
 * migrations: `synchronize` and `migrationsRun` are always off (ARCHITECTURE.md §4).
 */
export function createDataSourceOptions(
  config: PersistenceConfig,
  extras: DataSourceExtras = {},
): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    uuidExtension: 'pgcrypto',
    entities: [...PERSISTENCE_ENTITIES],
    migrations: [...PERSISTENCE_MIGRATIONS],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    poolSize: config.DATABASE_POOL_SIZE,
    connectTimeoutMS: config.DATABASE_CONNECT_TIMEOUT_MS,
    applicationName: extras.applicationName ?? 'webbyflow',
    extra: { statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS },
    logging: config.DATABASE_LOG_QUERIES ? 'all' : ['error', 'warn', 'migration'],
    ...(extras.logger ? { logger: extras.logger } : {}),
  };
}

/** An uninitialised DataSource; call `initialize()` (and `destroy()` when done). */
export function createDataSource(config: PersistenceConfig, extras?: DataSourceExtras): DataSource {
  return new DataSource(createDataSourceOptions(config, extras));
}

import { StderrLogger, createDataSource, loadPersistenceConfig } from '@webbyflow/persistence';

/**
 * The DataSource typeorm's own CLI loads (`typeorm migration:generate -d dist/cli/migration-data-source.js`);
 * used by scripts/migration-generate.sh against a scratch database. Not for services.
 */
export const migrationDataSource = createDataSource(loadPersistenceConfig(), {
  applicationName: 'webbyflow-migration-generate',
  logger: new StderrLogger(['error', 'warn']),
});

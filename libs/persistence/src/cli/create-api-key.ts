import { parseArgs } from 'node:util';
import {
  ApiKeyEntity,
  GeneratedApiKey,
  Migrator,
  OrgEntity,
  StderrLogger,
  createDataSource,
  generateApiKey,
  loadPersistenceConfig,
} from '@webbyflow/persistence';
import { DataSource } from 'typeorm';

const USAGE = `Usage: node libs/persistence/dist/cli/create-api-key.js --org <org name> [--name <key name>]
Creates the org unless one with that name exists, then a new API key for it.
Prints only the key on stdout (shown once; only its prefix and sha256 are stored). Uses DATABASE_URL.`;

const UNIQUE_VIOLATION = '23505';
const log = (line: string) => process.stderr.write(`${line}\n`);

async function issueKey(dataSource: DataSource, orgName: string, keyName: string) {
  return dataSource.transaction(async (manager) => {
    await manager.createQueryBuilder().insert().into(OrgEntity).values({ name: orgName }).orIgnore().execute();
    const org = await manager.findOneByOrFail(OrgEntity, { name: orgName });
    const generated = generateApiKey();
    await manager.insert(ApiKeyEntity, {
      orgId: org.id,
      name: keyName,
      prefix: generated.prefix,
      keyHash: generated.keyHash,
    });
    return { org, generated };
  });
}

async function issueKeyWithRetry(dataSource: DataSource, orgName: string, keyName: string) {
  // A random 8-hex prefix can collide with an existing one; a fresh key fixes that.
  for (let attempt = 1; ; attempt++) {
    try {
      return await issueKey(dataSource, orgName, keyName);
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (code !== UNIQUE_VIOLATION || attempt >= 3) throw error;
    }
  }
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  const orgName = values.org?.trim();
  if (values.help || !orgName) {
    log(USAGE);
    return values.help ? 0 : 2;
  }
  const keyName = values.name?.trim() || 'default';
  const config = loadPersistenceConfig();
  const dataSource = createDataSource(config, {
    applicationName: 'webbyflow-create-api-key',
    logger: new StderrLogger(['error', 'warn']),
  });
  await dataSource.initialize();
  try {
    const pending = (await new Migrator(dataSource).status()).filter((m) => !m.applied);
    if (pending.length > 0) {
      log(`${pending.length} migration(s) pending: run \`node libs/persistence/dist/cli/migrate.js up\` first`);
      return 1;
    }
    const { org, generated }: { org: OrgEntity; generated: GeneratedApiKey } = await issueKeyWithRetry(
      dataSource,
      orgName,
      keyName,
    );
    log(`created API key "${keyName}" (${generated.prefix}) for org "${org.name}" (${org.id})`);
    process.stdout.write(`${generated.key}\n`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`create-api-key failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);

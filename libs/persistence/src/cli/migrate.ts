import { DomainException } from '@webbyflow/common';
import {
  Migrator,
  StderrLogger,
  createDataSource,
  databaseExists,
  databaseNameOf,
  ensureDatabase,
  loadPersistenceConfig,
  redactDatabaseUrl,
} from '@webbyflow/persistence';

const USAGE = `Usage: node libs/persistence/dist/cli/migrate.js [up|down|status]
  up      create the database named in DATABASE_URL if missing, then apply pending migrations (default)
  down    revert the latest applied migration
  status  list migrations and whether each is applied`;

type Command = 'up' | 'down' | 'status';
const isCommand = (value: string): value is Command => ['up', 'down', 'status'].includes(value);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(args: string[]): Promise<number> {
  const command = args[0] ?? 'up';
  if (args.length > 1 || !isCommand(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadPersistenceConfig();
  const url = config.DATABASE_URL;
  const target = `database "${databaseNameOf(url)}" (${redactDatabaseUrl(url)})`;

  if (command === 'up') {
    if (await ensureDatabase(url, config.DATABASE_CONNECT_TIMEOUT_MS)) say(`created ${target}`);
  } else if (!(await databaseExists(url, config.DATABASE_CONNECT_TIMEOUT_MS))) {
    say(`${target} does not exist: nothing to ${command === 'down' ? 'revert' : 'show'}`);
    return command === 'down' ? 1 : 0;
  }

  // Migrations may build indexes on big tables: no statement deadline here.
  const dataSource = createDataSource(
    { ...config, DATABASE_STATEMENT_TIMEOUT_MS: 0, DATABASE_POOL_SIZE: 1 },
    { applicationName: 'webbyflow-migrate', logger: new StderrLogger(['error', 'warn']) },
  );
  await dataSource.initialize();
  try {
    const migrator = new Migrator(dataSource);
    switch (command) {
      case 'up': {
        const applied = await migrator.up();
        for (const name of applied) say(`applied ${name}`);
        say(`${target} is up to date (${applied.length} applied now)`);
        return 0;
      }
      case 'down': {
        const reverted = await migrator.down();
        say(reverted ? `reverted ${reverted}` : `no migration is applied to ${target}`);
        return 0;
      }
      case 'status': {
        const states = await migrator.status();
        for (const { name, applied } of states) say(`${applied ? '[x]' : '[ ]'} ${name}`);
        const pending = states.filter((s) => !s.applied).length;
        say(`${target}: ${states.length - pending} applied, ${pending} pending`);
        return 0;
      }
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const detail =
      error instanceof DomainException || !(error instanceof Error) ? String(error) : (error.stack ?? error.message);
    process.stderr.write(`migrate failed: ${detail}\n`);
    process.exitCode = 1;
  },
);

// Applies (or with --revert, undoes the last of) System A's TypeORM migrations; with --check,
// fails when the entities and the migrated schema disagree. Prints one line per migration.
//   npm run db:migrate [-- --revert | --check]
import 'reflect-metadata';
import { ConfigValidationException, getConfig } from '@syncline/config';

type Mode = 'up' | 'revert' | 'check';

function parseMode(argv: readonly string[]): Mode {
  if (argv.includes('--revert')) return 'revert';
  if (argv.includes('--check')) return 'check';
  return 'up';
}

async function main(): Promise<void> {
  const mode = parseMode(process.argv.slice(2));
  const pg = getConfig().postgres; // fail fast, before TypeORM loads
  // Imported after the config check so a bad environment prints only the config error.
  const { dataSource } = await import('../libs/persistence/src/data-source');
  const target = `${pg.user}@${pg.host}:${pg.port}/${pg.database}`;

  await dataSource.initialize();
  try {
    switch (mode) {
      case 'up': {
        const ran = await dataSource.runMigrations({ transaction: 'each' });
        for (const m of ran) console.log(`db:migrate: applied ${m.name}`);
        if (ran.length === 0) console.log(`db:migrate: ${target} is up to date`);
        await reportCdcRole(pg.cdcRole);
        break;
      }
      case 'revert': {
        const before = await appliedCount();
        await dataSource.undoLastMigration({ transaction: 'each' });
        const after = await appliedCount();
        console.log(
          before === after
            ? `db:migrate: nothing to revert on ${target}`
            : `db:migrate: reverted 1 migration on ${target} (${after} remain)`,
        );
        break;
      }
      case 'check': {
        const pending = await dataSource.driver.createSchemaBuilder().log();
        if (pending.upQueries.length > 0) {
          for (const q of pending.upQueries) console.error(`db:migrate: drift: ${q.query}`);
          throw new Error('entities and migrated schema differ: write a migration');
        }
        console.log(`db:migrate: entities match the schema of ${target}`);
        break;
      }
    }
  } finally {
    await dataSource.destroy();
  }

  async function appliedCount(): Promise<number> {
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM ${dataSource.options.migrationsTableName ?? 'migrations'}`,
    );
    return rows.length;
  }

  async function reportCdcRole(role: string): Promise<void> {
    const rows: { granted: boolean }[] = await dataSource.query(
      `SELECT bool_and(has_table_privilege(r.rolname, t, 'SELECT')) AS granted
         FROM pg_roles r, unnest(ARRAY['companies', 'contacts', 'deals']) AS t
        WHERE r.rolname = $1`,
      [role],
    );
    const granted = rows[0]?.granted;
    console.log(
      granted === true
        ? `db:migrate: CDC role ${role} can SELECT the System A tables`
        : granted === false
          ? `db:migrate: WARNING: CDC role ${role} lacks SELECT on System A tables (created after the migration?)`
          : `db:migrate: CDC role ${role} does not exist; grants skipped`,
    );
  }
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigValidationException
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`db:migrate: failed: ${message}`);
  process.exit(1);
});

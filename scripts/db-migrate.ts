// Applies (or with --revert, undoes the last of) the control plane's TypeORM migrations, in the
// `syncline` schema of the control-plane database; then prepares the source database for CDC
// (Debezium's signal and heartbeat tables, the publication, grants: see prepareSource) and checks
// that the publication holds none of Syncline's own tables. With --check, fails when the entities
// and the migrated schema disagree. Prints one line per step.
//   npm run db:migrate [-- --revert | --check]
import 'reflect-metadata';
import { ConfigValidationException, getConfig } from '@syncline/config';
import { Client } from 'pg';

type Mode = 'up' | 'revert' | 'check';

function parseMode(argv: readonly string[]): Mode {
  if (argv.includes('--revert')) return 'revert';
  if (argv.includes('--check')) return 'check';
  return 'up';
}

async function main(): Promise<void> {
  const mode = parseMode(process.argv.slice(2));
  const config = getConfig(); // fail fast, before TypeORM loads
  // Imported after the config check so a bad environment prints only the config error.
  const { dataSource } = await import('../libs/persistence/src/data-source');
  const { prepareSource, publishedControlTables, SYNCLINE_SCHEMA } =
    await import('../libs/persistence/src/index');
  const control = config.controlPlane;
  const target = `${control.user}@${control.host}:${control.port}/${control.database} (schema ${SYNCLINE_SCHEMA})`;

  await dataSource.initialize();
  try {
    switch (mode) {
      case 'up': {
        // The migrations table lives in the schema: it must exist before TypeORM looks for it.
        await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${SYNCLINE_SCHEMA}`);
        const ran = await dataSource.runMigrations({ transaction: 'each' });
        for (const m of ran) console.log(`db:migrate: applied ${m.name} to ${target}`);
        if (ran.length === 0) console.log(`db:migrate: ${target} is up to date`);
        await prepareSourceDatabase();
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
      `SELECT 1 FROM ${SYNCLINE_SCHEMA}.${dataSource.options.migrationsTableName ?? 'migrations'}`,
    );
    return rows.length;
  }

  async function prepareSourceDatabase(): Promise<void> {
    const pg = config.postgres;
    const source = new Client({
      host: pg.host,
      port: pg.port,
      database: pg.database,
      user: pg.user,
      password: pg.password.reveal() || undefined,
      application_name: 'syncline-migrate',
    });
    await source.connect();
    try {
      await prepareSource(source, { publication: pg.publication, cdcRole: pg.cdcRole });
      console.log(
        `db:migrate: source ${pg.database} ready for CDC: publication ${pg.publication}, ` +
          `${SYNCLINE_SCHEMA}.debezium_signal and ${SYNCLINE_SCHEMA}.debezium_heartbeat`,
      );
      const leaked = await publishedControlTables(source, pg.publication);
      if (leaked.length > 0) {
        throw new Error(
          `publication ${pg.publication} publishes Syncline's own tables (${leaked.join(', ')}): ` +
            `publish your tables one by one (syncctl collections add) or give the control plane ` +
            `its own database (SYNCLINE_CONTROL_PG_DATABASE)`,
        );
      }
    } finally {
      await source.end();
    }
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

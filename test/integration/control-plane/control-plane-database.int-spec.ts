import { join } from 'node:path';
import { loadConfig } from '@syncline/config';
import { buildDataSourceOptions, TenantEntity } from '@syncline/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { runTsScript } from '../support/run-ts-script';
import { testClients } from '../support/test-clients';

// Issue 12, item 6: Syncline's own tables can live in a database of their own
// (SYNCLINE_CONTROL_PG_*): migrations go there, the source keeps only Debezium's tables.

const t = testClients('control-db');
const database = `syncline_control_${t.tenant('x').slice(2)}`.replace(/-/g, '_');
const tenant = t.tenant('separate');
// The stack's superuser, over its socket: only it may create a database.
const admin = new Pool({
  host: join(t.env.SYNCLINE_STACK_DIR, 'pg-socket'),
  port: Number(t.env.SYNCLINE_PG_PORT),
  user: 'postgres',
  database: 'postgres',
});
const controlEnv = { ...t.env, SYNCLINE_CONTROL_PG_DATABASE: database };
let control: DataSource | undefined;

beforeAll(async () => {
  await admin.query(`CREATE DATABASE ${database} OWNER ${t.env.SYNCLINE_PG_USER}`);
});

afterAll(async () => {
  await control?.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await t.close();
});

describe('a control plane in its own database', () => {
  it('is migrated there, idempotently, while the source keeps only what CDC needs', async () => {
    const first = await runTsScript('scripts/db-migrate.ts', [], controlEnv, { label: 'migrate' });
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('applied ControlPlane1764800000000');
    expect(first.stdout).toContain(`/${database} (schema syncline)`);

    const again = await runTsScript('scripts/db-migrate.ts', [], controlEnv, { label: 'migrate' });
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('is up to date');

    const controlDb = new Pool({ ...poolSettings(), database });
    try {
      const { rows } = await controlDb.query<{ name: string }>(
        `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
      );
      expect(rows.map((r) => r.name)).toEqual([
        'syncline.delivery_log',
        'syncline.destinations',
        'syncline.entity_mappings',
        'syncline.inbound_cursors',
        'syncline.inbound_hint_retries',
        'syncline.inbound_log',
        'syncline.notification_channels',
        'syncline.notification_events',
        'syncline.notifications',
        'syncline.reconcile_runs',
        'syncline.remote_records',
        'syncline.syncline_migrations',
        'syncline.tenants',
      ]);
    } finally {
      await controlDb.end();
    }
  });

  it("holds the apps' control-plane writes; the source database does not see them", async () => {
    control = await new DataSource(
      buildDataSourceOptions(loadConfig(controlEnv), { applicationName: 'control-db-test' }),
    ).initialize();
    await control.getRepository(TenantEntity).save({ id: tenant, name: 'Separate' });
    // Unqualified SQL resolves in the syncline schema of the control database.
    const rows: { name: string }[] = await control.query('SELECT name FROM tenants WHERE id = $1', [
      tenant,
    ]);
    expect(rows).toEqual([{ name: 'Separate' }]);
    const inSource = await t.pool.query('SELECT 1 FROM syncline.tenants WHERE id = $1', [tenant]);
    expect(inSource.rowCount).toBe(0);
  });
});

describe('db:migrate, refusing a publication that would stream the control plane', () => {
  const everything = `syncline_all_${database.slice(-8)}`;
  const sourceAdmin = new Pool({
    host: join(t.env.SYNCLINE_STACK_DIR, 'pg-socket'),
    port: Number(t.env.SYNCLINE_PG_PORT),
    user: 'postgres',
    database: t.env.SYNCLINE_PG_DATABASE,
  });

  afterAll(async () => {
    await sourceAdmin.query(`DROP PUBLICATION IF EXISTS ${everything}`);
    await sourceAdmin.end();
  });

  it('stops, naming the tables, when a FOR ALL TABLES publication shares the database', async () => {
    await sourceAdmin.query(`CREATE PUBLICATION ${everything} FOR ALL TABLES`);

    const run = await runTsScript(
      'scripts/db-migrate.ts',
      [],
      { ...t.env, SYNCLINE_PUBLICATION: everything },
      { label: 'migrate' },
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`publication ${everything} publishes Syncline's own tables`);
    expect(run.stderr).toContain('syncline.tenants');
    expect(run.stderr).toContain('SYNCLINE_CONTROL_PG_DATABASE');
  });
});

function poolSettings() {
  return {
    host: t.env.SYNCLINE_PG_HOST,
    port: Number(t.env.SYNCLINE_PG_PORT),
    user: t.env.SYNCLINE_PG_USER,
    password: t.env.SYNCLINE_PG_PASSWORD,
  };
}

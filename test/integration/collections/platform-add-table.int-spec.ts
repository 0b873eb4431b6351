import { CachedRecord, RecordRef } from '@syncline/cache';
import { CollectionDefinition, CollectionRegistry, DEFAULT_TENANT } from '@syncline/records';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { textRows } from '../support/canonical-rows';
import { runTsScript } from '../support/run-ts-script';
import { testClients } from '../support/test-clients';
import { ReadMessage, TopicReader } from '../support/topic-reader';

// Issue 12, item 5: a table created while everything runs is added with one command; its rows
// from before are backfilled by an incremental snapshot (no connector restart) while another
// table's changes keep flowing, and its later changes stream. Zero-config: the table becomes a
// single-tenant collection named after itself, versioned by WAL position.

const t = testClients('platform-add');
const brokers = t.env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const table = `platform_orders_${t.tenant('x').slice(2)}`.replace(/-/g, '_');
const newTopic = `${prefix}.public.${table}`;
const unreadable = `${table}_unreadable`;
const otherTopic = `${prefix}.inventory.warehouses`;
const ROWS = 12_000; // a dozen snapshot chunks (incremental.snapshot.chunk.size 1024)
let worker: AppProcess;
let reader: TopicReader | undefined;
let registry: CollectionRegistry;
let orders: CollectionDefinition;
let warehouse: number;

interface DebeziumValue {
  op: string;
  ts_ms: number;
  after: Record<string, unknown> | null;
  source: { snapshot?: string };
}
const valueOf = (m: ReadMessage) => m.value as DebeziumValue;
const ref = (id: string | number, entity = table): RecordRef => ({
  tenant: DEFAULT_TENANT,
  entity,
  id: String(id),
});

const syncctl = (...args: string[]) =>
  runTsScript('apps/syncctl/src/main.ts', args, t.appEnv(), { label: 'syncctl' });

/** Rows as Postgres prints them: node-postgres' Dates would cut timestamps to milliseconds. */
const pgRows = (sql: string, params: unknown[] = []) => textRows(t.pool, sql, params);

/** Waits until the cache holds, for each given row, exactly its canonical form. */
async function expectCached(
  collection: CollectionDefinition,
  rows: Record<string, unknown>[],
  timeoutMs = 120_000,
): Promise<void> {
  await expectEventually(
    async () => {
      for (let i = 0; i < rows.length; i += 1000) {
        const batch = rows.slice(i, i + 1000).map((row) => registry.canonicalize(collection, row));
        const cached = await t.cache.getMany(
          batch.map((record) => ref(registry.recordId(collection, record), collection.name)),
        );
        cached.forEach((record: CachedRecord | undefined, j) =>
          expect(record).toMatchObject({ deleted: false, data: batch[j] }),
        );
      }
    },
    { timeoutMs, intervalMs: 500 },
  );
}

beforeAll(async () => {
  worker = AppProcess.start(
    'sync-worker',
    t.appEnv({ SYNCLINE_OPS_PORT: '0', SYNCLINE_SYNC_TOPIC_CHECK_MS: '1000' }),
  );
  await worker.waitForOutput('ops endpoints on');
  ({
    rows: [{ id: warehouse }],
  } = await t.pool.query<{ id: number }>(
    `INSERT INTO inventory.warehouses (code, city, capacity) VALUES ($1, 'Lyon', 0) RETURNING id`,
    [`P${Math.floor(Math.random() * 900 + 100)}`],
  ));
  // The table exists, with its rows, before Syncline hears of it.
  await t.pool.query(`
    CREATE TABLE public.${table} (
      id         bigint PRIMARY KEY,
      sku        text NOT NULL,
      qty        integer NOT NULL,
      price      numeric(10, 2),
      placed_at  timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO public.${table} (id, sku, qty, price)
      SELECT g, 'SKU-' || g, g % 97, (g % 1000) / 4.0 FROM generate_series(1, ${ROWS}) AS g;
  `);
});

afterAll(async () => {
  await reader?.stop();
  await worker?.stop('SIGKILL');
  await t.pool.query(`DROP TABLE IF EXISTS public.${table}, public.${unreadable}`);
  await t.close();
});

describe('syncctl collections add <schema.table>', () => {
  it('backfills the existing rows while another table keeps streaming, then streams the new changes', async () => {
    const added = await syncctl('collections', 'add', `public.${table}`);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain(
      `added to publication ${t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc'}`,
    );
    expect(added.stdout).toContain(`topic ${newTopic}`);
    reader = await TopicReader.start(brokers, [newTopic, otherTopic]);
    const snapshotReads = () =>
      reader?.messages.filter(
        (m) =>
          m.topic === newTopic &&
          valueOf(m)?.op === 'r' &&
          valueOf(m).source.snapshot === 'incremental',
      ) ?? [];

    // Another table changes all through the backfill: each of its changes must flow meanwhile.
    let capacity = 0;
    while (snapshotReads().length < ROWS && capacity < 50_000) {
      capacity += 1;
      await t.pool.query('UPDATE inventory.warehouses SET capacity = $1 WHERE id = $2', [
        capacity,
        warehouse,
      ]);
    }
    const reads = await reader.waitFor(
      (m) => m.topic === newTopic && valueOf(m)?.op === 'r',
      ROWS,
      120_000,
    );
    const readIds = new Set(reads.map((m) => Number(valueOf(m).after?.id)));
    expect(readIds.size).toBe(ROWS);
    const [first, last] = [
      Math.min(...reads.map((m) => valueOf(m).ts_ms)),
      Math.max(...reads.map((m) => valueOf(m).ts_ms)),
    ];
    const duringBackfill = reader.messages.filter(
      (m) => m.topic === otherTopic && valueOf(m)?.ts_ms > first && valueOf(m)?.ts_ms < last,
    );
    expect(duringBackfill.length).toBeGreaterThan(0);

    // The table is a collection now (zero-config), and its rows are in the cache as in Postgres.
    registry = await CollectionRegistry.load({
      pool: t.pool,
      publication: t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc',
      configFile: t.env.SYNCLINE_COLLECTIONS_FILE,
    });
    orders = registry.byCollectionName(table);
    expect(orders).toMatchObject({ schema: 'public', table, keyColumns: ['id'] });
    expect(orders.tenantColumn).toBeUndefined();
    expect(orders.versionColumn).toBeUndefined();
    await expectCached(orders, await pgRows(`SELECT * FROM public.${table} ORDER BY id`));
    const warehouses = registry.findByTable('inventory', 'warehouses') as CollectionDefinition;
    await expectCached(
      warehouses,
      await pgRows('SELECT * FROM inventory.warehouses WHERE id = $1', [warehouse]),
    );

    // Later changes stream: an update, an insert, a delete.
    await t.pool.query(`UPDATE public.${table} SET qty = 1000, price = 12.5 WHERE id = 7`);
    await t.pool.query(`INSERT INTO public.${table} (id, sku, qty) VALUES (${ROWS + 1}, 'NEW', 1)`);
    await t.pool.query(`DELETE FROM public.${table} WHERE id = 8`);
    await expectCached(
      orders,
      await pgRows(`SELECT * FROM public.${table} WHERE id IN (7, ${ROWS + 1})`),
    );
    await expectEventually(async () =>
      expect(await t.cache.get(ref(8))).toMatchObject({ deleted: true }),
    );
  });

  it("keeps Syncline's own tables out of the collections, though Debezium's are published", async () => {
    const published = await pgRows(
      `SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1 AND schemaname = 'syncline'`,
      [t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc'],
    );
    expect(published.map((r) => r.tablename).sort()).toEqual([
      'debezium_heartbeat',
      'debezium_signal',
    ]);
    expect(registry.collections.filter((c) => c.schema === 'syncline')).toEqual([]);
  });
});

describe('syncctl collections resync <collection>', () => {
  it('brings back a record the cache lost, by re-reading the collection', async () => {
    await t.redis.del(t.keys.record(ref(42)));
    expect(await t.cache.get(ref(42))).toBeUndefined();

    const resync = await syncctl('collections', 'resync', table, '--wait');
    expect(resync).toMatchObject({ code: 0 });
    // Every row was read again (the one added after the backfill, less the one deleted).
    expect(resync.stdout).toContain(`resync of public.${table} done: ${ROWS} rows read`);

    await expectCached(orders, await pgRows(`SELECT * FROM public.${table} WHERE id = 42`));
  });

  it('names the unknown collection and the known ones', async () => {
    const resync = await syncctl('collections', 'resync', 'no_such_collection');
    expect(resync.code).toBe(1);
    expect(resync.stderr).toContain('unknown collection "no_such_collection"');
    expect(resync.stderr).toContain(table);
  });
});

describe('syncctl collections, refused', () => {
  it('names a table that does not exist', async () => {
    const added = await syncctl('collections', 'add', 'public.no_such_table');
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('table public.no_such_table does not exist');
  });

  it('names a table Debezium cannot read (published by hand, no SELECT for the CDC role)', async () => {
    await t.pool.query(`CREATE TABLE public.${unreadable} (id int PRIMARY KEY)`);
    await t.pool.query(
      `ALTER PUBLICATION ${t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc'} ADD TABLE public.${unreadable}`,
    );
    const resync = await syncctl('collections', 'resync', unreadable, '--wait');
    expect(resync.code).toBe(1);
    expect(resync.stderr).toContain(`Debezium could not read public.${unreadable} (SQL_EXCEPTION)`);
  });
});

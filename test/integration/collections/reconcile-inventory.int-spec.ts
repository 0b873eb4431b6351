import { randomUUID } from 'node:crypto';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import {
  CacheManifestReader,
  ContentReplacer,
  ReachabilityProbe,
  ReconcileCacheUseCase,
  ReconcileCommand,
  ReconcileReport,
  SourceManifestReader,
  SourceRow,
} from '@syncline/reconcile';
import { testClients } from '../support/test-clients';
import { removeKeys, unlinkEach } from '../support/test-redis';

// `reconcile cache` on the inventory schema: a composite key with a version column
// (stock_level), a serial key in a non-public schema without tenant or version column
// (warehouses), a bigint identity key with a tenant column and every column type (sensor_reading),
// a quoted mixed-case text key (SkuCatalog). Drift of every kind is planted in each, found and
// repaired. The cache is filled here from Postgres as the workers would, so no worker is needed.
const t = testClients('recon-inv');
let registry: CollectionRegistry;
let source: SourceManifestReader;
const suffix = randomUUID().slice(0, 6).toUpperCase();
const tenant = t.tenant('org');

/** A column each collection's drift changes, and the wrong value it gets. */
const DRIFT: Record<string, [string, unknown]> = {
  stock_level: ['on_hand', 424242],
  warehouses: ['city', 'Drift City'],
  sensor_reading: ['label', 'drifted'],
  SkuCatalog: ['DisplayName', 'Drifted name'],
};

const scopeOf = (collection: CollectionDefinition) =>
  collection.tenantColumn ? tenant : (collection.fixedTenant as string);

async function insertRows(): Promise<void> {
  await t.pool.query(
    `INSERT INTO inventory.warehouses (code, city, opened_on, capacity)
       SELECT substr(md5(random()::text), 1, 4), 'City ' || g, date '2020-01-01' + g, g * 10
         FROM generate_series(1, 30) g ON CONFLICT (code) DO NOTHING`,
  );
  await t.pool.query(
    `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, reserved, fill)
       SELECT $1, g % 5, 'SKU-' || $2 || '-' || g, g, g % 3, (g % 100)::numeric / 2
         FROM generate_series(1, 40) g`,
    [tenant, suffix],
  );
  await t.pool.query(
    `INSERT INTO public.sensor_readings (site, small_value, int_value, big_value, exact_value,
       any_numeric, real_value, double_value, label, short_label, code, active, device, read_on,
       read_at_time, read_at, read_at_tz, window_length, raw_json, attributes, payload, quality,
       battery, samples, tags, qualities, levels)
     SELECT $1, g, -g, 9007199254740000 + g, g * 1.5, g / 7.0, g / 3.0, g / 9.0, 'reading ' || g,
       'short ' || g, 'c' || (g % 10), g % 2 = 0, gen_random_uuid(), date '2024-02-29' + g,
       time '12:34:56.789' + g * interval '1 minute', timestamp '2024-03-01 00:00:00.123456' + g * interval '1 hour',
       now(), g * interval '1 day 2 hours', ('{"g": ' || g || ', "b": [1, "x"]}')::json,
       ('{"k": "v' || g || '", "n": null}')::jsonb, decode(md5(g::text), 'hex'),
       (ARRAY['good', 'suspect', 'bad'])[g % 3 + 1]::public.reading_quality, g % 100,
       ARRAY[g, g / 2.0]::float8[], ARRAY['a,b', 'c"d', NULL], ARRAY['good', 'bad']::public.reading_quality[],
       ARRAY[1.5, 99]::public.percentage[]
       FROM generate_series(1, 40) g`,
    [tenant],
  );
  await t.pool.query(
    `INSERT INTO public."SkuCatalog" ("Sku", "DisplayName", "UnitPrice")
       SELECT $1 || '-' || g || (CASE g % 3 WHEN 0 THEN ',x%' WHEN 1 THEN ' ünï' ELSE '' END),
              'Item ' || g, g * 2.25
         FROM generate_series(1, 30) g`,
    [suffix],
  );
}

async function rowsOf(collection: CollectionDefinition): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const page of source.rows(collection, scopeOf(collection))) rows.push(...page);
  return rows;
}

async function walPosition(): Promise<number> {
  const { rows } = await t.pool.query<{ p: string }>(
    `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS p`,
  );
  return Number(rows[0].p);
}

function reconcile(collection: CollectionDefinition, dryRun = false): Promise<ReconcileReport> {
  const useCase = new ReconcileCacheUseCase(
    source,
    new CacheManifestReader(t.cache, t.redis),
    t.cache,
    new ContentReplacer(t.redis, t.keys),
    registry,
    new ReachabilityProbe(t.pool, t.redis),
    { graceMs: 0 },
  );
  return useCase.execute(
    new ReconcileCommand('cache', { tenant: scopeOf(collection), entity: collection.name }, dryRun),
  );
}

beforeAll(async () => {
  registry = await t.collections();
  source = new SourceManifestReader(t.pool, registry);
  await insertRows();
});

afterAll(async () => {
  await removeKeys(t.redis, `${t.keys.namespace}:*`);
  await t.close();
});

describe('reconcile cache on the inventory schema', () => {
  it.each(['stock_level', 'warehouses', 'sensor_reading', 'SkuCatalog'])(
    '%s: finds missing, stale, same-version-different-data and orphan records, and repairs them',
    async (name) => {
      const collection = registry.byCollectionName(name);
      const versioned = collection.versionColumn !== undefined;
      const scope = scopeOf(collection);
      const ref = (id: string) => ({ tenant: scope, entity: name, id });
      // The cache as the workers left it: every row at its version (or a WAL position).
      const seeded = await walPosition();
      const rows = await rowsOf(collection);
      expect(rows.length).toBeGreaterThanOrEqual(12);
      await t.cache.applyMany(
        rows.map((row) => ({
          ...ref(row.id),
          kind: 'upsert' as const,
          version: row.version ?? seeded,
          data: row.record,
        })),
      );
      const [column, wrong] = DRIFT[name];
      const versionOf = (row: SourceRow) => row.version ?? seeded;

      // Missing: keys gone.
      await unlinkEach(
        t.redis,
        rows.slice(0, 3).map((row) => t.keys.record(ref(row.id))),
      );
      // Stale: an older version with older data.
      for (const row of rows.slice(3, 5)) {
        await t.redis.del(t.keys.record(ref(row.id)));
        await t.cache.apply({
          ...ref(row.id),
          kind: 'upsert',
          version: versionOf(row) - 1,
          data: { ...row.record, [column]: wrong },
        });
      }
      // Same version, different data.
      for (const row of rows.slice(5, 7)) {
        await t.redis.hset(
          t.keys.record(ref(row.id)),
          'd',
          JSON.stringify({ ...row.record, [column]: wrong }),
        );
      }
      // A lost update and a lost delete: Postgres changed, the cache never heard.
      const keyWhere = (_row: SourceRow) =>
        collection.keyColumns.map((key, i) => `"${key}" = $${i + 1}`).join(' AND ');
      const keyValues = (row: SourceRow) => collection.keyColumns.map((key) => row.record[key]);
      const table = `"${collection.schema}"."${collection.table}"`;
      // A value new to the row on every run (single-tenant tables keep their rows between runs).
      const changed = typeof wrong === 'number' ? '7' : `'changed ${suffix}'`;
      await t.pool.query(
        `UPDATE ${table} SET "${column}" = ${changed} WHERE ${keyWhere(rows[7])}`,
        keyValues(rows[7]),
      );
      await t.pool.query(`DELETE FROM ${table} WHERE ${keyWhere(rows[8])}`, keyValues(rows[8]));
      // Orphans: keys without a row.
      const planted = ['999999,NOPE', '-1', `nope ${suffix},%`];
      for (const id of planted) {
        await t.cache.apply({ ...ref(id), kind: 'upsert', version: 3, data: { planted: id } });
      }
      const expected = versioned
        ? { missing: 3, stale: 3, differing: 2, orphan: 4 }
        : // WAL positions cannot tell an older state from a wrong one: all of it is "differing".
          { missing: 3, stale: 0, differing: 5, orphan: 4 };
      const row = (report: ReconcileReport) =>
        report.rows.find((r) => r.tenant === scope && r.entity === name);

      const dry = await reconcile(collection, true);
      expect(dry.status).toBe('succeeded');
      expect(row(dry)).toMatchObject({ ...expected, repaired: 0, errors: 0 });
      expect(await t.cache.stamps(rows.slice(0, 3).map((r) => ref(r.id)))).toEqual([
        undefined,
        undefined,
        undefined,
      ]);

      const run = await reconcile(collection);
      expect(run.status).toBe('succeeded');
      const total = expected.missing + expected.stale + expected.differing + expected.orphan;
      expect(row(run)).toMatchObject({ ...expected, repaired: total, errors: 0 });

      // Every row is in the cache with Postgres' data; every orphan a tombstone at its version.
      const now = await rowsOf(collection);
      const cached = await t.cache.getMany(now.map((r) => ref(r.id)));
      now.forEach((r, index) => {
        expect(cached[index]).toMatchObject({ deleted: false, data: r.record });
        if (versioned) expect(cached[index]?.version).toBe(r.version);
        else expect(cached[index]?.version).toBeGreaterThanOrEqual(seeded);
      });
      expect(await t.cache.stamps(planted.map(ref))).toEqual(
        planted.map(() => ({ version: 3, deleted: true })),
      );
      expect(await t.cache.stamps([ref(rows[8].id)])).toEqual([
        { version: versionOf(rows[8]), deleted: true },
      ]);

      const again = await reconcile(collection);
      expect(row(again)).toMatchObject({
        missing: 0,
        stale: 0,
        differing: 0,
        orphan: 0,
        repaired: 0,
        errors: 0,
      });
    },
    60_000,
  );
});

// Benchmark: `reconcile cache` (Postgres vs Redis) on 1M rows of any collection across tenants:
// rows compared per second with no drift (count, versions and content digests per bucket), the
// time to find and repair 1% drift (keys deleted, data changed at the same version), and a naive
// per-key check (one Redis round trip per row, content compared) for comparison. Prints figures
// and writes bench-results/reconcile.json; asserts nothing.
//
//   set -a; source .stack/test/env; set +a
//   npx ts-node --transpile-only -r tsconfig-paths/register scripts/bench/reconcile.bench.ts \
//     [--collection sensor_reading] [--rows 1000000] [--tenants 4] [--naive-sample 50000]
//
// Isolation: the rows live in a table of a schema of its own (`bench_recon_<id>`, LIKE the
// collection's table), reconciled through a copy of the collection's definition pointing there,
// so a million inserts never reach the CDC publication, Debezium or anyone's sync-worker on the
// shared stack. Rows are generated from the column definitions (any collection). Tenants are
// `bench-recon-<id>-<n>`, cache keys live in namespace `bench-recon-<id>`; both are removed at
// the end (DROP SCHEMA, UNLINK).
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectionDefinition, ColumnDefinition } from '@syncline/records';

const repo = join(__dirname, '../..');
const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const COLLECTION = args.get('--collection') ?? 'sensor_reading';
const ROWS = Number(args.get('--rows') ?? 1_000_000);
const TENANTS = Number(args.get('--tenants') ?? 4);
const NAIVE_SAMPLE = Number(args.get('--naive-sample') ?? 50_000);
const DRIFT = Math.round(ROWS / 100);
const id = randomUUID().slice(0, 6);
const schema = `bench_recon_${id}`;
const namespace = `bench-recon-${id}`;
const tenantPrefix = `bench-recon-${id}-`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A SQL expression of row `g` for a column: unique for key columns, valid for its type. */
function valueSql(
  name: string,
  column: ColumnDefinition,
  collection: CollectionDefinition,
): string {
  const cast = (expression: string) => `(${expression})::${column.pgType ?? 'text'}`;
  if (name === collection.tenantColumn) return cast(`$1 || (g % $2)`);
  if (name === collection.versionColumn) return cast('1 + g % 1000');
  switch (column.kind) {
    case 'smallint':
      return cast(collection.keyColumns.includes(name) ? 'g' : 'g % 30000');
    case 'integer':
    case 'bigint':
      return cast('g');
    case 'numeric':
      return cast(collection.keyColumns.includes(name) ? 'g' : '(g % 100)::numeric');
    case 'real':
    case 'double':
      return cast('g / 7.0');
    case 'text':
      return cast(`left('V' || g, ${column.maxLength ?? 64})`);
    case 'boolean':
      return cast('g % 2 = 0');
    case 'uuid':
      return cast('md5(g::text)::uuid');
    case 'date':
      return cast(`date '2020-01-01' + g % 3000`);
    case 'time':
      return cast(`time '00:00' + (g % 86400) * interval '1 second'`);
    case 'timestamp':
    case 'timestamptz':
      return cast(`timestamp '2024-01-01 00:00:00.5' + g * interval '1 second'`);
    case 'interval':
      return cast(`g * interval '1 minute'`);
    case 'json':
    case 'jsonb':
      return cast(`json_build_object('g', g, 'tags', json_build_array('a', g % 7))`);
    case 'bytea':
      return cast(`decode(md5(g::text), 'hex')`);
    case 'enum':
      return cast(`'${(column.values?.[0] ?? '').replace(/'/g, "''")}'`);
    case 'array':
      return column.nullable ? 'NULL' : cast(`'{}'`);
    case 'unsupported':
      return 'NULL';
  }
}

async function main(): Promise<void> {
  const { CacheKeyBuilder, createRedisClient, RecordCacheRepository } =
    await import('@syncline/cache');
  const { getConfig } = await import('@syncline/config');
  const { CollectionRegistry } = await import('@syncline/records');
  const {
    CacheManifestReader,
    ContentReplacer,
    ReachabilityProbe,
    ReconcileCacheUseCase,
    ReconcileCommand,
    recordIdSql,
    SourceManifestReader,
    stableJson,
  } = await import('@syncline/reconcile');
  const { createSourcePool } = await import('@syncline/source');

  const config = getConfig();
  const pool = createSourcePool(config.postgres, 8, 'reconcile-bench');
  const stack = await CollectionRegistry.load({
    pool,
    publication: config.postgres.publication,
    configFile: config.postgres.collectionsFile,
  });
  const real = stack.byCollectionName(COLLECTION);
  // The same collection, its table in the bench schema.
  const collection: CollectionDefinition = { ...real, schema };
  const registry = CollectionRegistry.of([collection]);
  const table = `${quote(schema)}.${quote(real.table)}`;
  const tenantOf = (index: number) =>
    collection.tenantColumn
      ? `${tenantPrefix}${index % TENANTS}`
      : (collection.fixedTenant as string);
  const redis = createRedisClient(config.redis, 'reconcile-bench');
  const keys = new CacheKeyBuilder(namespace);
  const cache = new RecordCacheRepository(redis, keys);
  const source = new SourceManifestReader(pool, registry);
  const useCase = new ReconcileCacheUseCase(
    source,
    new CacheManifestReader(cache, redis),
    cache,
    new ContentReplacer(redis, keys),
    registry,
    new ReachabilityProbe(pool, redis),
    { graceMs: 0 },
  );
  // Redis is single-threaded and does much of the work: its CPU time per run says how much of
  // the wall time was Redis, and the load average how busy the (shared) machine was.
  const redisCpuSeconds = async () => {
    const info = await redis.info('cpu');
    const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
    return field('used_cpu_user') + field('used_cpu_sys');
  };
  const reconcile = async (label: string) => {
    const load = loadavg()[0];
    const cpuBefore = await redisCpuSeconds();
    const started = Date.now();
    const report = await useCase.execute(
      new ReconcileCommand('cache', { entity: collection.name }),
    );
    const seconds = (Date.now() - started) / 1000;
    const redisCpu = Math.round(((await redisCpuSeconds()) - cpuBefore) * 100) / 100;
    const { compared, missing, stale, differing, orphan, repaired, errors } = report.totals;
    console.log(
      `${label.padEnd(28)} ${compared.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s = ` +
        `${Math.round(compared / seconds).toLocaleString('en-US')} rows/s  ` +
        `(missing ${missing}, stale ${stale}, differing ${differing}, orphan ${orphan}, ` +
        `repaired ${repaired}, errors ${errors}; Redis CPU ${redisCpu} s, load ${load.toFixed(1)})`,
    );
    return {
      seconds,
      rowsPerSecond: Math.round(compared / seconds),
      redisCpuSeconds: redisCpu,
      loadAverage1m: Math.round(load * 100) / 100,
      totals: report.totals,
    };
  };

  const results: Record<string, unknown> = {
    benchmark: 'reconcile',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    collection: COLLECTION,
    table: `${real.schema}.${real.table}`,
    versions: collection.versionColumn ? `column ${collection.versionColumn}` : 'WAL position',
    rows: ROWS,
    tenants: collection.tenantColumn ? TENANTS : 1,
    redisKeysBefore: await redis.dbsize(),
    isolation: `table ${table} (LIKE ${real.schema}.${real.table}), namespace ${namespace}`,
  };
  try {
    console.log(
      `reconcile bench: ${ROWS.toLocaleString('en-US')} rows of ${COLLECTION} (${results.versions as string})`,
    );
    let started = Date.now();
    await pool.query(`CREATE SCHEMA ${quote(schema)}`);
    await pool.query(
      `CREATE TABLE ${table} (LIKE ${quote(real.schema)}.${quote(real.table)} INCLUDING ALL)`,
    );
    // Identity and generated columns are Postgres' to fill; every other column from `g`.
    const filled = Object.entries(collection.columns).filter(
      ([name, column]) =>
        !column.generated || name === collection.tenantColumn || name === collection.versionColumn,
    );
    const chunk = 100_000;
    for (let start = 0; start < ROWS; start += chunk) {
      await pool.query(
        `INSERT INTO ${table} (${filled.map(([name]) => quote(name)).join(', ')})
         SELECT ${filled.map(([name, column]) => valueSql(name, column, collection)).join(', ')}
           FROM generate_series($3::int, $4::int) g`,
        [tenantPrefix, TENANTS, start + 1, Math.min(ROWS, start + chunk)],
      );
    }
    await pool.query(`ANALYZE ${table}`);
    results.generateSeconds = (Date.now() - started) / 1000;
    console.log(
      `generated in Postgres         ${(results.generateSeconds as number).toFixed(1)} s`,
    );

    // Redis filled through the repair path: every row is "missing" in an empty namespace.
    results.rebuild = await reconcile('fill (repair of 100%)');

    const clean = [];
    for (let i = 1; i <= 3; i++) clean.push(await reconcile(`compare, no drift #${i}`));
    results.compareNoDrift = clean;
    const best = Math.max(...clean.map((run) => run.rowsPerSecond));
    results.compareRowsPerSecond = best;

    // 1% drift: half the sample's keys deleted, half given other data at the same version.
    const tenantSql = collection.tenantColumn ? `${quote(collection.tenantColumn)}::text` : `''`;
    const { rows: sample } = await pool.query<{ tenant: string; id: string }>(
      `SELECT ${tenantSql} AS tenant, ${recordIdSql(collection)} AS id
         FROM ${table} TABLESAMPLE SYSTEM (5) ORDER BY random() LIMIT $1`,
      [DRIFT],
    );
    const pipeline = redis.pipeline();
    sample.forEach((row, index) => {
      const tenant = collection.tenantColumn ? row.tenant : tenantOf(0);
      const key = keys.record({ tenant, entity: collection.name, id: row.id });
      if (index % 2 === 0) pipeline.del(key);
      else pipeline.hset(key, 'd', '{"corrupt":true}');
    });
    await pipeline.exec();
    results.drift = {
      keys: sample.length,
      ...(await reconcile(`repair ${sample.length} drifted`)),
    };
    results.afterRepair = await reconcile('compare after repair');

    // Naive: the rows from Postgres, one awaited Redis read per row, content compared (sampled).
    started = Date.now();
    let checked = 0;
    let mismatched = 0;
    naive: for (let index = 0; index < (collection.tenantColumn ? TENANTS : 1); index++) {
      for await (const page of source.rows(collection, tenantOf(index))) {
        for (const row of page) {
          const [version, json] = await redis.hmget(
            keys.record({ tenant: row.tenant, entity: collection.name, id: row.id }),
            'v',
            'd',
          );
          checked += 1;
          const sameVersion = !collection.versionColumn || Number(version) === row.version;
          if (
            !sameVersion ||
            json === null ||
            stableJson(JSON.parse(json)) !== stableJson(row.record)
          )
            mismatched += 1;
          if (checked >= NAIVE_SAMPLE) break naive;
        }
      }
    }
    const naiveSeconds = (Date.now() - started) / 1000;
    const naiveRate = Math.round(checked / naiveSeconds);
    results.naive = {
      sampled: checked,
      seconds: naiveSeconds,
      rowsPerSecond: naiveRate,
      extrapolatedSecondsFor: { rows: ROWS, seconds: Math.round(ROWS / naiveRate) },
      mismatched,
      method:
        'Postgres rows paged and canonicalized, then one awaited HMGET per row, content compared (sample, extrapolated)',
    };
    results.speedupOverNaive = Math.round((best / naiveRate) * 10) / 10;
    console.log(
      `naive per-key check           ${checked.toLocaleString('en-US')} rows in ${naiveSeconds.toFixed(2)} s = ` +
        `${naiveRate.toLocaleString('en-US')} rows/s -> ~${Math.round(ROWS / naiveRate)} s for ${ROWS.toLocaleString('en-US')} (extrapolated)`,
    );
    console.log(`reconcile vs naive            ${results.speedupOverNaive as number}x`);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${quote(schema)} CASCADE`).catch((error: unknown) => {
      console.error(`cleanup: could not drop schema ${schema}: ${String(error)}`);
    });
    let removed = 0;
    for await (const batch of cache.scan(`${namespace}:*`, 5000)) {
      if (batch.length > 0) removed += await redis.unlink(...batch);
    }
    console.log(`cleanup: dropped schema ${schema}, unlinked ${removed} keys of ${namespace}`);
    await pool.end();
    redis.disconnect();
  }
  mkdirSync(join(repo, 'bench-results'), { recursive: true });
  writeFileSync(
    join(repo, 'bench-results/reconcile.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log('written to bench-results/reconcile.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// Benchmark: `reconcile cache` (Postgres vs Redis) on 1M rows across tenants: rows compared per
// second with no drift, the time to find and repair 1% drift (10k keys deleted or rolled back),
// and a naive per-key check (one Redis round trip per row) for comparison. Prints figures and
// writes bench-results/reconcile.json; asserts nothing.
//
//   set -a; source .stack/test/env; set +a
//   npx ts-node --transpile-only -r tsconfig-paths/register scripts/bench/reconcile.bench.ts [--rows 1000000] [--tenants 4] [--naive-sample 50000]
//
// Isolation: the rows live in a schema of their own (`bench_recon_<id>`, tables LIKE the real ones,
// found first on the search_path), so a million inserts and deletes never reach the CDC
// publication, Debezium or anyone else's sync-worker on the shared stack. Tenants are
// `bench-recon-<id>-<n>`, cache keys live in namespace `bench-recon-<id>`; both are removed at
// the end (DROP SCHEMA, UNLINK).
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalApp } from '../support/local-app';

const repo = join(__dirname, '../..');
const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const ROWS = Number(args.get('--rows') ?? 1_000_000);
const TENANTS = Number(args.get('--tenants') ?? 4);
const NAIVE_SAMPLE = Number(args.get('--naive-sample') ?? 50_000);
const DRIFT = Math.round(ROWS / 100);
const id = randomUUID().slice(0, 6);
const schema = `bench_recon_${id}`;
const namespace = `bench-recon-${id}`;
const tenantPrefix = `bench-recon-${id}-`;

// Every Postgres connection of this process (the reconciler's pools included) sees the bench
// schema first; the sequence, `tenants` and `reconcile_runs` still resolve in public.
process.env.PGOPTIONS = `-c search_path=${schema},public`;
process.env.SYNCLINE_CACHE_NAMESPACE = namespace;

async function main(): Promise<void> {
  // Imported after the environment is set: pools read PGOPTIONS, config reads the namespace.
  const { CacheKeyBuilder, createRedisClient, RecordCacheRepository } =
    await import('@syncline/cache');
  const { getConfig } = await import('@syncline/config');
  const { EntityRegistry } = await import('@syncline/records');
  const {
    CacheManifestReader,
    ReachabilityProbe,
    ReconcileCacheUseCase,
    ReconcileCommand,
    SourceManifestReader,
  } = await import('@syncline/reconcile');
  const { createSourcePool, SourceRecordRepository } = await import('@syncline/source');

  const config = getConfig();
  const entities = new EntityRegistry();
  const pool = createSourcePool(config.postgres, 8, 'reconcile-bench');
  const redis = createRedisClient(config.redis, 'reconcile-bench');
  const keys = new CacheKeyBuilder(namespace);
  const cache = new RecordCacheRepository(redis, keys);
  const useCase = new ReconcileCacheUseCase(
    new SourceManifestReader(pool, entities),
    new CacheManifestReader(cache),
    cache,
    new SourceRecordRepository(pool, entities),
    entities,
    new ReachabilityProbe(pool, redis),
    { graceMs: 0 },
  );
  // Redis is single-threaded and does most of the work: its CPU time per run says how much of
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
    const report = await useCase.execute(new ReconcileCommand('cache', {}));
    const seconds = (Date.now() - started) / 1000;
    const redisCpu = Math.round(((await redisCpuSeconds()) - cpuBefore) * 100) / 100;
    const { compared, missing, stale, orphan, repaired, errors } = report.totals;
    console.log(
      `${label.padEnd(28)} ${compared.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s = ` +
        `${Math.round(compared / seconds).toLocaleString('en-US')} rows/s  ` +
        `(missing ${missing}, stale ${stale}, orphan ${orphan}, repaired ${repaired}, errors ${errors}; ` +
        `Redis CPU ${redisCpu} s, load ${load.toFixed(1)})`,
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
    rows: ROWS,
    tenants: TENANTS,
    redisKeysBefore: await redis.dbsize(),
    isolation: `schema ${schema} (tables LIKE public.*), namespace ${namespace}`,
  };
  try {
    console.log(`reconcile bench: ${ROWS.toLocaleString('en-US')} contacts in ${TENANTS} tenants`);
    let started = Date.now();
    await pool.query(`CREATE SCHEMA ${schema}`);
    for (const table of ['contacts', 'companies', 'deals']) {
      await pool.query(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL)`);
    }
    const chunk = 250_000;
    for (let start = 0; start < ROWS; start += chunk) {
      await pool.query(
        `INSERT INTO ${schema}.contacts (tenant_id, email, first_name, last_name, lead_score, notes, custom_fields)
         SELECT $1 || (g % $2), 'u' || g || '@bench.example', 'First ' || g, 'Last ' || g, g % 100,
                repeat('n', 100), '{"tier": "gold"}'
           FROM generate_series($3::int, $4::int) g`,
        [tenantPrefix, TENANTS, start + 1, Math.min(ROWS, start + chunk)],
      );
    }
    await pool.query(`ANALYZE ${schema}.contacts`);
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

    // 1% drift: half the sample's keys deleted, half rolled back one version (wrong data too).
    const { rows: sample } = await pool.query<{ tenant_id: string; id: string; version: string }>(
      `SELECT tenant_id, id::text AS id, version FROM ${schema}.contacts TABLESAMPLE SYSTEM (5)
        ORDER BY random() LIMIT $1`,
      [DRIFT],
    );
    const pipeline = redis.pipeline();
    sample.forEach((row, index) => {
      const key = keys.record({ tenant: row.tenant_id, entity: 'contact', id: row.id });
      if (index % 2 === 0) pipeline.del(key);
      else pipeline.hset(key, 'v', String(Number(row.version) - 1), 'd', '{"corrupt":true}');
    });
    await pipeline.exec();
    results.drift = {
      keys: sample.length,
      ...(await reconcile(`repair ${sample.length} drifted`)),
    };
    results.afterRepair = await reconcile('compare after repair');

    // Naive: the same manifest from Postgres, one awaited Redis read per row (sampled).
    started = Date.now();
    let checked = 0;
    let mismatched = 0;
    const { rows: naiveRows } = await pool.query<{
      tenant_id: string;
      id: string;
      version: string;
    }>(
      `SELECT tenant_id, id::text AS id, version FROM ${schema}.contacts ORDER BY tenant_id, id LIMIT $1`,
      [NAIVE_SAMPLE],
    );
    for (const row of naiveRows) {
      const stored = await redis.hget(
        keys.record({ tenant: row.tenant_id, entity: 'contact', id: row.id }),
        'v',
      );
      checked += 1;
      if (stored !== row.version) mismatched += 1;
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
        'Postgres manifest in one query, then one awaited HGET per row (sample, extrapolated)',
    };
    results.speedupOverNaive = Math.round((best / naiveRate) * 10) / 10;
    console.log(
      `naive per-key check           ${checked.toLocaleString('en-US')} rows in ${naiveSeconds.toFixed(2)} s = ` +
        `${naiveRate.toLocaleString('en-US')} rows/s -> ~${Math.round(ROWS / naiveRate)} s for ${ROWS.toLocaleString('en-US')} (extrapolated)`,
    );
    console.log(`reconcile vs naive            ${results.speedupOverNaive as number}x`);

    // The real CLI once, as the CronJob runs it (process start included).
    results.cli = await runCli();
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch((error: unknown) => {
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

/** `reconcile cache` through the CLI: wall time of the process and the rate it reports. */
async function runCli(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const cli = LocalApp.start('reconciler', {
    args: ['reconcile', 'cache'],
    env: { SYNCLINE_RECONCILE_GRACE_MS: '0' },
    logDir: join(process.env.SYNCLINE_STACK_DIR ?? join(repo, '.stack/dev'), 'bench-apps'),
    label: 'bench-reconcile-cli',
  });
  const code = await cli.finished();
  // The log file is appended to run after run: this run's report is its last one.
  const output = readFileSync(cli.logFile, 'utf8');
  const line = output
    .split('\n')
    .filter((text) => text.startsWith('{'))
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .reverse()
    .find((entry) => String(entry.msg).startsWith('reconcile cache finished'));
  const wallSeconds = (Date.now() - started) / 1000;
  console.log(`CLI reconcile cache            exit ${code}, ${wallSeconds.toFixed(2)} s wall`);
  const summary = output.lastIndexOf('reconcile cache: ');
  process.stdout.write(
    output
      .slice(summary < 0 ? output.length : summary)
      .split('\n')
      .filter((text) => !text.startsWith('{'))
      .join('\n'),
  );
  return {
    exitCode: code,
    wallSeconds,
    reportedRowsPerSecond: line?.reconcile_rows_per_second,
    reportedDurationSeconds: line?.reconcile_duration_seconds,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

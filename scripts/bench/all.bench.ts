// `npm run bench`: every benchmark in one run on the local stack, each figure beside a reference
// measured in the same run (bare kafkajs consumption, redis-benchmark on the same Redis, the naive
// reconcile), then one results file and one table. Nothing is asserted; `--quick` shrinks every
// size for a smoke run. `--only a,b` picks steps (sync-worker, cache-write, delivery, reconcile,
// redis, load-test, cache-api). cache-write compares one Redis with the stack's 3-master cluster.
// The sync-worker is measured on the demo's table and on a generic one of
// the inventory fixture, same run (`--sync-collections a,b` names others).
//
//   npm run bench [-- --quick] [-- --only load-test,cache-api] [-- --sync-collections contact,sensor_reading]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { LoadTestResult } from '../load-test/report/load-test-result.type';
import type { BenchFigure } from './suite/bench-figure.type';
import { formatBenchTable } from './suite/format-bench-table';
import type { RedisBenchmarkRow } from './suite/parse-redis-benchmark-csv';
import { runBenchProcess, runProcess } from './suite/run-bench-process';
import { runRedisBenchmark } from './suite/run-redis-benchmark';

const repo = join(__dirname, '../..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv[argv.indexOf('--only') + 1];
const STEPS = [
  'sync-worker',
  'cache-write',
  'delivery',
  'reconcile',
  'redis',
  'load-test',
  'cache-api',
] as const;
type Step = (typeof STEPS)[number];
const only = argv.includes('--only') ? new Set(onlyArg?.split(',')) : undefined;
/** The demo's table and a composite-key table unlike it (inventory.stock_levels). */
const SYNC_COLLECTIONS = argv.includes('--sync-collections')
  ? (argv[argv.indexOf('--sync-collections') + 1] ?? '').split(',').filter(Boolean)
  : ['contact', 'stock_level'];
for (const name of only ?? []) {
  if (!STEPS.includes(name as Step)) {
    console.error(`unknown step "${name}"; steps: ${STEPS.join(', ')}`);
    process.exit(2);
  }
}

const runId = new Date().toISOString().replace(/[:.]/g, '-');
const runDir = join(repo, 'bench-results', `bench-${runId}`);
/** The end-to-end rates (changes/s) the load test is run at, and how long each. */
const LOAD_RATES = quick ? [1000] : [1000, 3000, 5000, 10_000];
const LOAD_DURATION = quick ? '15s' : '60s';
/** The processes whose memory issue 14 bounds (sync-worker replicas, delivery-worker). */
const WORKER_PROCESSES = /^(sync-worker|delivery-worker)/;

/** cache-api reads by id: at the target rate, then above it to find the ceiling. */
const API_RATES = quick ? [5000] : [10_000, 15_000];

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

interface StepOutcome {
  step: Step;
  ok: boolean;
  seconds: number;
  error?: string;
}

async function main(): Promise<number> {
  mkdirSync(runDir, { recursive: true });
  const outcomes: StepOutcome[] = [];
  const figures: BenchFigure[] = [];
  const raw: Record<string, unknown> = {};
  const step = async (name: Step, body: () => Promise<void>) => {
    if (only && !only.has(name)) return;
    console.log(`\n=== bench: ${name} ===`);
    const started = Date.now();
    try {
      await body();
      outcomes.push({ step: name, ok: true, seconds: (Date.now() - started) / 1000 });
    } catch (error) {
      // One broken benchmark must not cost the others' figures: record it, go on, fail at the end.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`bench ${name} failed: ${message}`);
      outcomes.push({
        step: name,
        ok: false,
        seconds: (Date.now() - started) / 1000,
        error: message,
      });
    }
  };

  await step('sync-worker', async () => {
    const results: Record<string, unknown>[] = [];
    for (const collection of SYNC_COLLECTIONS) {
      await runBenchProcess('sync-worker-throughput', [
        ...(quick ? ['--events', '40000', '--records', '10000'] : []),
        '--collection',
        collection,
      ]);
      const r = readJson<Record<string, unknown>>(
        join(repo, `bench-results/sync-worker-throughput-${collection}.json`),
      );
      results.push(r);
      figures.push({
        benchmark: 'sync-worker',
        figure: `${collection} (${String(r.table)}, ${String(r.avgEventBytes)} B/event): events/s into Redis, steady state`,
        value: num(r.workerSteadyEventsPerSec),
        unit: 'events/s',
        reference: { name: 'bare kafkajs consumer', value: num(r.bareConsumerEventsPerSec) },
        target: '≥ 40,000',
      });
      figures.push({
        benchmark: 'sync-worker',
        figure: `${collection}: worker CPU per event, steady (peak RSS ${String(r.workerPeakRssMb)} MB)`,
        value: num(r.workerSteadyCpuMicrosPerEvent),
        unit: 'µs',
      });
    }
    raw.syncWorker = results;
  });

  await step('cache-write', async () => {
    await runBenchProcess('cache-write', quick ? ['--writes', '50000'] : []);
    const r = readJson<Record<string, unknown>>(join(repo, 'bench-results/cache-write.json'));
    raw.cacheWrite = r;
    figures.push({
      benchmark: 'cache-write',
      figure: `version-guarded writes/s, 3-master Redis Cluster (batches of ${String(r.batch)})`,
      value: num(r.clusterWritesPerSec),
      unit: 'writes/s',
      reference: { name: 'single Redis instance', value: num(r.singleWritesPerSec) },
    });
    figures.push({
      benchmark: 'cache-write',
      figure: 'cluster / single',
      value: num(r.clusterToSingleRatio),
      unit: '',
    });
  });

  await step('delivery', async () => {
    await runBenchProcess('delivery', quick ? ['--records', '500'] : []);
    const r = readJson<{ results: Record<string, unknown>[] }>(
      join(repo, 'bench-results/delivery.json'),
    );
    raw.delivery = r;
    for (const row of r.results) {
      const destination = String(row.destination);
      figures.push({
        benchmark: 'delivery',
        figure: `${destination}: API calls per 1000 changes`,
        value: num(row.callsPer1000Changes),
        unit: 'calls',
        reference: { name: 'one call per change', value: 1000 },
      });
      figures.push({
        benchmark: 'delivery',
        figure: `${destination}: rate-limit utilisation`,
        value: num(row.rateLimitUtilisation),
        unit: '',
        target: '< 1 (never over the limit)',
      });
    }
  });

  await step('reconcile', async () => {
    await runBenchProcess(
      'reconcile',
      quick ? ['--rows', '100000', '--naive-sample', '10000'] : [],
    );
    const r = readJson<Record<string, unknown>>(join(repo, 'bench-results/reconcile.json'));
    raw.reconcile = r;
    const naive = r.naive as { rowsPerSecond?: number } | undefined;
    const drift = r.drift as { keys?: number; seconds?: number } | undefined;
    figures.push({
      benchmark: 'reconcile',
      figure: 'rows compared per second (no drift)',
      value: num(r.compareRowsPerSecond),
      unit: 'rows/s',
      reference: { name: 'naive per-key check', value: num(naive?.rowsPerSecond) },
    });
    figures.push({
      benchmark: 'reconcile',
      figure: `find and repair 1% drift (${drift?.keys ?? '?'} keys)`,
      value: num(drift?.seconds),
      unit: 's',
    });
  });

  let redisRows: RedisBenchmarkRow[] = [];
  await step('redis', async () => {
    const url = process.env.SYNCLINE_REDIS_URL;
    if (!url) throw new Error('SYNCLINE_REDIS_URL is not set (run through scripts/bench/run)');
    redisRows = await runRedisBenchmark(url, { requests: quick ? 50_000 : 200_000 });
    raw.redisBenchmark = redisRows;
    for (const row of redisRows) {
      figures.push({
        benchmark: 'redis-benchmark',
        figure: `${row.test} (50 clients, 1.5 kB values) p99 ${row.p99Ms} ms`,
        value: row.requestsPerSec,
        unit: 'req/s',
      });
    }
  });
  const redisGet = redisRows.find((row) => row.test === 'GET');

  await step('load-test', async () => {
    const results: LoadTestResult[] = [];
    for (const rate of LOAD_RATES) {
      const result = await runLoadTest(`e2e-${rate}`, [
        '--rate',
        String(rate),
        '--duration',
        LOAD_DURATION,
        '--start-apps',
        'always',
        '--sync-workers',
        '2',
      ]);
      results.push(result);
      const atRate = `end to end at ${rate.toLocaleString('en-US')}/s`;
      figures.push({
        benchmark: 'load-test',
        figure: `${atRate}: changes/s achieved`,
        value: Math.round(result.writes.achievedRate),
        unit: 'changes/s',
        reference: { name: 'target rate', value: rate },
        target: `≥ ${Math.round(rate * 0.99).toLocaleString('en-US')} (99%)`,
      });
      figures.push({
        benchmark: 'load-test',
        figure: `${atRate}: commit → cache p99 (p50 ${result.cacheVisible.latency.p50} ms, lost ${result.cacheVisible.unseen})`,
        value: result.cacheVisible.latency.p99,
        unit: 'ms',
        target: rate <= 5000 ? '< 250 ms' : '< 1,000 ms',
      });
      // The hop that holds the p99: where a miss comes from.
      const slowest = [...result.hops.hops]
        .filter((hop) => !hop.hop.startsWith('notice ->'))
        .sort((a, b) => b.latency.p99 - a.latency.p99)[0];
      if (slowest) {
        figures.push({
          benchmark: 'load-test',
          figure: `${atRate}: slowest hop p99 (${slowest.hop}, p50 ${slowest.latency.p50} ms)`,
          value: slowest.latency.p99,
          unit: 'ms',
        });
      }
      for (const usage of result.processes.filter(
        (p) => p.present && WORKER_PROCESSES.test(p.name),
      )) {
        figures.push({
          benchmark: 'load-test',
          figure: `${atRate}: ${usage.name} CPU mean ${usage.meanCpuPct}% of a core, RSS steady (max ${usage.maxRssMb} MB)`,
          value: usage.steadyRssMb,
          unit: 'MB',
          target: '< 200 MB',
        });
      }
      if (result.crm.enabled) {
        figures.push({
          benchmark: 'load-test',
          figure: `end to end at ${rate.toLocaleString('en-US')}/s: commit → CRM p99 (${result.crm.received}/${result.crm.sampled} sampled, ${result.crm.throttled429} 429s)`,
          value: result.crm.latency.p99,
          unit: 'ms',
        });
      }
    }
    raw.loadTest = results;
  });

  await step('cache-api', async () => {
    const results: LoadTestResult[] = [];
    for (const rate of API_RATES) {
      const result = await runLoadTest(`api-${rate}`, [
        '--rate',
        '0',
        '--api-rate',
        String(rate),
        '--api-mix',
        '100:0:0',
        '--duration',
        quick ? '10s' : '30s',
        '--start-apps',
        'always',
      ]);
      results.push(result);
      const get = result.api.byKind.get;
      figures.push({
        benchmark: 'cache-api',
        figure: `GET by id offered ${rate.toLocaleString('en-US')}/s: achieved (errors ${result.api.errors})`,
        value: Math.round(result.api.achievedRate),
        unit: 'req/s',
        reference: { name: 'redis-benchmark GET', value: redisGet?.requestsPerSec ?? null },
        ...(rate === 15_000 ? { target: '≥ 14,900' } : {}),
      });
      figures.push({
        benchmark: 'cache-api',
        figure: `GET by id offered ${rate.toLocaleString('en-US')}/s: p99 (p50 ${get.latency.p50} ms)`,
        value: get.latency.p99,
        unit: 'ms',
        reference: { name: 'redis-benchmark GET p99', value: redisGet?.p99Ms ?? null },
        target: '< 10 ms',
      });
      figures.push({
        benchmark: 'cache-api',
        figure: `GET by id offered ${rate.toLocaleString('en-US')}/s: p99 in the cache-api's own histogram (load-test event-loop delay p99 ${result.api.generatorEventLoopDelayP99Ms} ms)`,
        value: result.api.serverSide?.p99UpToMs ?? null,
        unit: 'ms (bucket bound)',
      });
    }
    raw.cacheApi = results;
  });

  const table = formatBenchTable(figures);
  const failed = outcomes.filter((o) => !o.ok);
  const summary = {
    runId,
    quick,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      totalMemoryMb: Math.round(totalmem() / 2 ** 20),
      node: process.version,
    },
    steps: outcomes,
    figures,
    raw,
  };
  writeFileSync(join(runDir, 'bench.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(
    join(runDir, 'bench.md'),
    `# npm run bench, ${runId}${quick ? ' (quick)' : ''}\n\n${table}\n`,
  );
  console.log(`\n${table}\n`);
  for (const o of outcomes) {
    console.log(
      `${o.ok ? 'ok    ' : 'FAILED'} ${o.step.padEnd(12)} ${o.seconds.toFixed(0)} s${o.error ? `  ${o.error}` : ''}`,
    );
  }
  console.log(`\nresults: ${join(runDir, 'bench.json')} and bench.md beside it`);
  return failed.length === 0 ? 0 : 1;
}

/** One load-test run by subprocess (its own heap and apps), its JSON result read back. */
async function runLoadTest(label: string, flags: string[]): Promise<LoadTestResult> {
  const outDir = join(runDir, label);
  await runProcess(
    process.execPath,
    [join(repo, 'dist/scripts/load-test/load-test.js'), ...flags, '--out', outDir],
    `load-test ${label}`,
  );
  const json = readdirSync(outDir).find((file) => file.endsWith('.json'));
  if (!json) throw new Error(`load-test ${label} wrote no JSON result in ${outDir}`);
  return readJson<LoadTestResult>(join(outDir, json));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

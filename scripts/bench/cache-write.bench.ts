// Benchmark: the cache's write path (RecordCacheRepository.applyMany, the version guard's Lua
// script) on the stack's single Redis and on its 3-master Redis Cluster, same run, same writes:
// records of many tenants, batches as the sync-worker sends them, a few batches in flight.
// Prints writes/s per topology and the cluster/single ratio; writes bench-results/cache-write.json.
//
//   scripts/bench/run cache-write [--writes 300000] [--batch 500] [--in-flight 4]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CacheKeyBuilder,
  CacheWrite,
  createRedisClient,
  RecordCacheRepository,
  RedisClient,
} from '@syncline/cache';
import { loadConfig } from '@syncline/config';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number =>
  argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback;
const WRITES = arg('--writes', 300_000);
const BATCH = arg('--batch', 500);
const IN_FLIGHT = arg('--in-flight', 4);
const TENANTS = 50;

/** A record like a cached row of ~400 bytes, its version rising on every round. */
function writeOf(i: number, round: number): CacheWrite {
  return {
    kind: 'upsert',
    tenant: `tenant-${i % TENANTS}`,
    entity: 'bench_record',
    id: String(i),
    version: round + 1,
    lsn: 0,
    data: {
      id: i,
      name: `record ${i}`,
      email: `person-${i}@example.com`,
      amount: `${(i % 10_000) / 100}`,
      tags: ['a', 'b', 'c'],
      note: 'x'.repeat(240),
      updated_at: '2026-12-04T12:00:00.000000Z',
    },
  };
}

async function measure(label: string, redis: RedisClient): Promise<number> {
  const namespace = `bench-cw-${Date.now().toString(36)}`;
  const cache = new RecordCacheRepository(redis, new CacheKeyBuilder(namespace));
  const records = WRITES / 2; // two rounds: inserts, then updates of the same records
  const batches: CacheWrite[][] = [];
  for (let round = 0; round < 2; round += 1)
    for (let start = 0; start < records; start += BATCH)
      batches.push(
        Array.from({ length: Math.min(BATCH, records - start) }, (_, k) =>
          writeOf(start + k, round),
        ),
      );
  await cache.applyMany(batches[0].slice(0, 1)); // connect (and load cluster slots) first
  let next = 0;
  let applied = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < batches.length) {
        const outcomes = await cache.applyMany(batches[next++]);
        applied += outcomes.filter((o) => o !== 'stale').length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rate = WRITES / seconds;
  console.log(
    `${label}: ${WRITES} writes in ${seconds.toFixed(2)} s = ${Math.round(rate)} writes/s`,
  );
  if (applied < WRITES - 1)
    throw new Error(`${label}: only ${applied} of ${WRITES} writes applied`);
  await cache.clearEntity('bench_record');
  return rate;
}

async function main(): Promise<void> {
  const seeds = process.env.SYNCLINE_STACK_REDIS_CLUSTER_NODES;
  if (!seeds) {
    throw new Error(
      'the stack has no Redis Cluster: run with SYNCLINE_STACK_SERVICES including redis-cluster',
    );
  }
  const base = loadConfig(process.env).redis;
  const single = createRedisClient({ ...base, clusterNodes: [] }, 'bench-single');
  const cluster = createRedisClient(
    loadConfig({ ...process.env, SYNCLINE_REDIS_CLUSTER_NODES: seeds }).redis,
    'bench-cluster',
  );
  try {
    console.log(`cache writes: ${WRITES} (batches of ${BATCH}, ${IN_FLIGHT} in flight)`);
    const singleRate = await measure('single instance', single);
    const clusterRate = await measure('3-master cluster', cluster);
    const result = {
      benchmark: 'cache-write',
      writes: WRITES,
      batch: BATCH,
      inFlight: IN_FLIGHT,
      singleWritesPerSec: Math.round(singleRate),
      clusterWritesPerSec: Math.round(clusterRate),
      clusterToSingleRatio: Number((clusterRate / singleRate).toFixed(3)),
      measuredAt: new Date().toISOString(),
    };
    console.log(`cluster / single: ${result.clusterToSingleRatio}`);
    writeFileSync(
      join(__dirname, '../../bench-results/cache-write.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
  } finally {
    single.disconnect();
    cluster.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

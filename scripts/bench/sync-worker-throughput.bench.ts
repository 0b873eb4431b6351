// Benchmark: sync-worker sustained events/s into Redis vs a bare kafkajs consumer reading the
// same topic without processing, plus the worker's peak RSS. Prints figures; asserts nothing.
// Any collection of the stack (`--collection`, default the demo's `contact`): its Debezium events
// are built from the collection's catalog definition (scripts/load-test/workload/collection-sample).
//
//   npm run bench:sync-worker [-- --events 200000 --records 50000 --collection stock_level]
//                             [--node-flags '--max-semi-space-size=64']
import { randomUUID } from 'node:crypto';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { createSourcePool } from '@syncline/source';
import { LocalApp } from '../support/local-app';
import { Admin, Kafka, logLevel, Partitioners } from 'kafkajs';
import Redis from 'ioredis';
import { sampleRow, toDebeziumValue } from '../load-test/workload/collection-sample';

const repo = join(__dirname, '../..');
const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const EVENTS = Number(args.get('--events') ?? 200_000);
const RECORDS = Number(args.get('--records') ?? 50_000);
const COLLECTION = args.get('--collection') ?? 'contact';
const TENANTS = 20;
const PARTITIONS = 6;
const env = process.env as Record<string, string>;
const brokers = env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = `bench${randomUUID().slice(0, 6)}`;
const kafka = new Kafka({ clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
let collection: CollectionDefinition;
let topic: string;

/** The Debezium form of a row: json columns as text, as the JSON converter writes them. */
function debeziumImage(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [
      name,
      toDebeziumValue(collection.columns[name], value),
    ]),
  );
}

function event(i: number): { key: string; value: string } {
  const record = i % RECORDS;
  const tenant = collection.tenantColumn
    ? `tenant-${record % TENANTS}`
    : (collection.fixedTenant ?? 'default');
  const change = Math.floor(i / RECORDS) + 1;
  const row = sampleRow(collection, { record, tenant, change });
  const op = change === 1 ? 'c' : 'u';
  const before = op === 'u' ? sampleRow(collection, { record, tenant, change: change - 1 }) : null;
  // Versions: the version column's value (the change number), else the growing WAL position.
  const value = {
    before: before && debeziumImage(before),
    after: debeziumImage(row),
    source: {
      db: env.SYNCLINE_PG_DATABASE,
      schema: collection.schema,
      table: collection.table,
      lsn: 1000 + i,
      snapshot: 'false',
    },
    op,
    ts_ms: Date.now(),
  };
  const keyColumns = [
    ...(collection.tenantColumn ? [collection.tenantColumn] : []),
    ...collection.keyColumns,
  ];
  const key = Object.fromEntries(keyColumns.map((name) => [name, row[name]]));
  return { key: JSON.stringify(key), value: JSON.stringify(value) };
}

/** The collection to benchmark, from the stack's collections config and catalog. */
async function loadCollection(): Promise<void> {
  const config = getConfig();
  const pool = createSourcePool(config.postgres, 1, 'syncline-bench');
  try {
    const registry = await CollectionRegistry.load({
      pool,
      publication: config.postgres.publication,
      configFile: config.postgres.collectionsFile,
    });
    collection = registry.byCollectionName(COLLECTION);
  } finally {
    await pool.end();
  }
  topic = TOPICS.cdcTable(prefix, collection.table, collection.schema);
}

async function fill(admin: Admin): Promise<number> {
  await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS }],
    waitForLeaders: true,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let bytes = 0;
  for (let start = 0; start < EVENTS; start += 5000) {
    const messages = Array.from({ length: Math.min(5000, EVENTS - start) }, (_, k) =>
      event(start + k),
    );
    bytes += messages.reduce((sum, m) => sum + m.value.length, 0);
    await producer.send({ topic, messages, acks: 1 });
  }
  await producer.disconnect();
  return bytes;
}

async function groupProgress(
  admin: Admin,
  groupId: string,
): Promise<{ done: boolean; committed: number }> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const ends = await admin.fetchTopicOffsets(topic);
  const offsetOf = (partition: number) =>
    Number(committed.partitions.find((p) => p.partition === partition)?.offset ?? -1);
  return {
    done: ends.every((end) => offsetOf(end.partition) === Number(end.high)),
    committed: ends.reduce((sum, end) => sum + Math.max(0, offsetOf(end.partition)), 0),
  };
}

async function bareConsumerRate(): Promise<number> {
  const consumer = kafka.consumer({
    groupId: `bench-bare-${randomUUID()}`,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const started = process.hrtime.bigint();
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        partitionsConsumedConcurrently: 3,
        eachBatch: async ({ batch }) => {
          seen += batch.messages.length;
          if (seen >= EVENTS) resolve();
        },
      })
      .catch(reject);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await consumer.disconnect();
  return EVENTS / seconds;
}

function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far; its threads included. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function workerRate(admin: Admin): Promise<{
  rate: number;
  steadyRate: number;
  peakRssMb: number;
  steadyCpuMicrosPerEvent: number;
}> {
  const groupId = `bench-worker-${randomUUID()}`;
  const namespace = `bench-${randomUUID().slice(0, 6)}`;
  // `--node-flags '--max-semi-space-size=64'`: Node flags after the production ones (later wins).
  const flags = (args.get('--node-flags') ?? '').split(' ').filter(Boolean);
  const worker = LocalApp.start('sync-worker', {
    logDir: join(env.SYNCLINE_STACK_DIR ?? join(repo, '.stack/dev'), 'bench-apps'),
    label: 'bench-sync-worker',
    nodeArgs: flags,
    env: {
      SYNCLINE_TOPIC_PREFIX: prefix,
      SYNCLINE_SYNC_GROUP_ID: groupId,
      SYNCLINE_CACHE_NAMESPACE: namespace,
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_LOG_LEVEL: 'warn',
    },
  });
  const started = process.hrtime.bigint();
  let firstProgress: bigint | undefined;
  let cpuAtFirstProgress = 0;
  let committedAtFirstProgress = 0;
  let cpuAtEnd = 0;
  let peakRssMb = 0;
  try {
    for (;;) {
      peakRssMb = Math.max(peakRssMb, rssMb(worker.pid ?? 0));
      const cpu = cpuSeconds(worker.pid ?? 0);
      const { done, committed } = await groupProgress(admin, groupId);
      if (committed > 0 && firstProgress === undefined) {
        firstProgress = process.hrtime.bigint();
        cpuAtFirstProgress = cpu;
        committedAtFirstProgress = committed;
      }
      if (done) {
        cpuAtEnd = cpuSeconds(worker.pid ?? 0);
        break;
      }
      if (!worker.running) throw new Error(`sync-worker exited; see ${worker.logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await worker.stop();
  }
  const ended = process.hrtime.bigint();
  const seconds = Number(ended - started) / 1e9;
  const steadySeconds = Number(ended - (firstProgress ?? started)) / 1e9;
  const redis = new Redis(env.SYNCLINE_REDIS_URL);
  redis.on('error', (error: Error) => console.error(`[bench] redis: ${error.message}`));
  let keys = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${namespace}:r:*`, 'COUNT', 10000);
    cursor = next;
    keys += batch.length;
    if (batch.length > 0) await redis.unlink(...batch);
  } while (cursor !== '0');
  redis.disconnect();
  if (keys !== RECORDS) throw new Error(`expected ${RECORDS} records in the cache, found ${keys}`);
  // Steady state: from the first committed batch on, i.e. without process start and group join.
  // CPU per event in steady state: the figure load on the machine changes least.
  const steadyCpuMicrosPerEvent =
    ((cpuAtEnd - cpuAtFirstProgress) * 1e6) / Math.max(1, EVENTS - committedAtFirstProgress);
  return {
    rate: EVENTS / seconds,
    steadyRate: EVENTS / steadySeconds,
    peakRssMb,
    steadyCpuMicrosPerEvent,
  };
}

async function main(): Promise<void> {
  await loadCollection();
  const admin = kafka.admin();
  await admin.connect();
  console.log(
    `filling ${topic} with ${EVENTS} Debezium events for ${RECORDS} records (${PARTITIONS} partitions)...`,
  );
  const bytes = await fill(admin);
  const bare = await bareConsumerRate();
  const worker = await workerRate(admin);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  const result = {
    benchmark: 'sync-worker-throughput',
    collection: collection.name,
    table: `${collection.schema}.${collection.table}`,
    events: EVENTS,
    records: RECORDS,
    avgEventBytes: Math.round(bytes / EVENTS),
    bareConsumerEventsPerSec: Math.round(bare),
    workerEventsPerSec: Math.round(worker.rate),
    workerSteadyEventsPerSec: Math.round(worker.steadyRate),
    ratio: Number((worker.rate / bare).toFixed(3)),
    steadyRatio: Number((worker.steadyRate / bare).toFixed(3)),
    workerPeakRssMb: Math.round(worker.peakRssMb),
    workerSteadyCpuMicrosPerEvent: Math.round(worker.steadyCpuMicrosPerEvent),
    measuredAt: new Date().toISOString(),
  };
  console.log(`collection ${result.collection} (${result.table}), ${result.avgEventBytes} B/event`);
  console.table([
    { figure: 'bare kafkajs consumer (events/s)', value: result.bareConsumerEventsPerSec },
    {
      figure: 'sync-worker into Redis, incl. start-up (events/s)',
      value: result.workerEventsPerSec,
    },
    {
      figure: 'sync-worker into Redis, steady state (events/s)',
      value: result.workerSteadyEventsPerSec,
    },
    { figure: 'worker / bare (steady)', value: result.steadyRatio },
    { figure: 'worker peak RSS (MB)', value: result.workerPeakRssMb },
    { figure: 'worker CPU per event, steady (µs)', value: result.workerSteadyCpuMicrosPerEvent },
  ]);
  mkdirSync(join(repo, 'bench-results'), { recursive: true });
  writeFileSync(
    join(repo, `bench-results/sync-worker-throughput-${collection.name}.json`),
    JSON.stringify(result, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

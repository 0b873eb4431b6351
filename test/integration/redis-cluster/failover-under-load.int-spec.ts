import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TOPICS } from '@syncline/events';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { canonicalRows } from '../support/canonical-rows';
import { expectEventually } from '../support/expect-eventually';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { stackEnv } from '../support/stack-env';
import { testClients } from '../support/test-clients';
import { runReconciler } from '../reconciler/support/run-reconciler';

// Failover under load on the stack's real Redis Cluster (3 masters, 1 replica each): changes
// stream through a sync-worker while a master is SIGKILLed; its replica is promoted; versions are
// sampled all along and must never go down; after the node is back and `reconcile cache` ran, the
// cache equals Postgres record by record. Always on the cluster, whichever pass runs it.
const repo = join(__dirname, '../../..');
const clusterNodes = stackEnv().SYNCLINE_STACK_REDIS_CLUSTER_NODES;
if (!clusterNodes) throw new Error('the test stack has no Redis Cluster (service redis-cluster)');
process.env.SYNCLINE_REDIS_CLUSTER_NODES = clusterNodes;
const t = testClients('failover');
const tenant = t.tenant('failover');
const topic = TOPICS.cdcTable(t.env.SYNCLINE_TOPIC_PREFIX, 'contacts');
const groupId = t.appEnv().SYNCLINE_SYNC_GROUP_ID;
const ROWS = 400;
let registry: CollectionRegistry;
let contact: CollectionDefinition;
let worker: AppProcess | undefined;
const ids: string[] = [];
const refOf = (id: string) => ({ tenant, entity: 'contact', id });

async function stack(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(join(repo, 'scripts/stack'), args, {
    env: { ...process.env, SYNCLINE_STACK_SERVICES: 'redis-cluster' },
  });
  return stdout;
}

/** CLUSTER INFO/NODES as a surviving node sees them. */
async function clusterView(port: string): Promise<{ ok: boolean; nodes: string }> {
  const node = new Redis(Number(port), '127.0.0.1', { maxRetriesPerRequest: 1 });
  try {
    const info = String(await node.call('CLUSTER', 'INFO'));
    const nodes = String(await node.call('CLUSTER', 'NODES'));
    return { ok: info.includes('cluster_state:ok'), nodes };
  } finally {
    node.disconnect();
  }
}

async function groupCaughtUp(): Promise<boolean> {
  const admin = new Kafka({
    brokers: t.env.SYNCLINE_KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every(({ partition, high }) =>
      committed.partitions.some((p) => p.partition === partition && p.offset === high),
    );
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  registry = await t.collections();
  contact = registry.byCollectionName('contact');
  await startGroupsAtEnd(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [{ groupId, topics: [topic] }]);
  worker = AppProcess.start('sync-worker', t.appEnv({ SYNCLINE_OPS_PORT: '0' }));
  await worker.waitForOutput('ops endpoints on');
}, 120_000);

afterAll(async () => {
  await worker?.stop('SIGKILL');
  await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1', [tenant]);
  await t.close();
});

it('keeps every version monotonic through a master SIGKILL, and equals Postgres after reconcile', async () => {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO contacts (tenant_id, email, first_name)
     SELECT $1, 'failover-' || g || '@example.com', 'Ada' FROM generate_series(1, $2) g RETURNING id`,
    [tenant, ROWS],
  );
  ids.push(...rows.map((row) => row.id));
  await expectEventually(async () => {
    const stamps = await t.cache.stamps(ids.map(refOf));
    expect(stamps.filter((s) => s === undefined)).toHaveLength(0);
  });

  // Load: updates of random rows, in a loop until told to stop (each update raises the version).
  let loading = true;
  let updates = 0;
  const load = (async () => {
    while (loading) {
      const chosen = ids.filter(() => Math.random() < 0.1);
      await t.pool.query(
        `UPDATE contacts SET first_name = 'Ada ' || floor(random() * 1e6)
         WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenant, chosen],
      );
      updates += chosen.length;
    }
  })();

  // Sampler: every record's version, read from the cluster all along.
  let sampling = true;
  const highest = new Map<string, number>();
  const wentDown: string[] = [];
  let samples = 0;
  let sampleErrors = 0;
  const sampler = (async () => {
    while (sampling) {
      try {
        const stamps = await t.cache.stamps(ids.map(refOf));
        stamps.forEach((stamp, index) => {
          const id = ids[index];
          const seen = highest.get(id) ?? 0;
          const now = stamp?.version ?? 0;
          if (now < seen) wentDown.push(`${id}: ${seen} -> ${stamp ? now : 'absent'}`);
          highest.set(id, Math.max(seen, now));
        });
        samples += 1;
      } catch {
        sampleErrors += 1; // the master is gone until its replica takes over: reads fail, then resume
      }
      await new Promise((resolve) => setTimeout(resolve, 20)); // pacing, not waiting on a result
    }
  })();

  await expectEventually(async () => expect(updates).toBeGreaterThan(2000));
  const [victim] = (await stack('redis-cluster-masters')).trim().split('\n');
  const [victimPort, victimPid] = victim.split(/\s+/);
  process.kill(Number(victimPid), 'SIGKILL');
  const survivor = clusterNodes
    .split(',')
    .map((url) => new URL(url).port)
    .find((port) => port !== victimPort) as string;
  // Promoted: the survivors see the dead master as failed and every slot served again.
  await expectEventually(
    async () => {
      const view = await clusterView(survivor);
      expect(view.nodes).toMatch(new RegExp(`127\\.0\\.0\\.1:${victimPort}@\\d+ master,fail`));
      expect(view.ok).toBe(true);
    },
    { timeoutMs: 60_000 },
  );
  const updatesAtPromotion = updates;
  await expectEventually(async () => expect(updates).toBeGreaterThan(updatesAtPromotion + 2000));
  loading = false;
  await load;

  // Recovery: the killed node comes back as a replica; the worker drains its backlog.
  await stack('up');
  await expectEventually(async () => expect((await clusterView(victimPort)).ok).toBe(true), {
    timeoutMs: 60_000,
  });
  await expectEventually(async () => expect(await groupCaughtUp()).toBe(true), {
    timeoutMs: 120_000,
  });
  sampling = false;
  await sampler;
  console.log(
    `failover: ${updates} updates, ${samples} samples (${sampleErrors} failed during the failover)`,
  );
  expect(wentDown).toEqual([]);
  expect(samples).toBeGreaterThan(10);

  const reconcile = await runReconciler(
    ['reconcile', 'cache', '--tenant', tenant, '--entity', 'contact'],
    t.appEnv({ SYNCLINE_RECONCILE_GRACE_MS: '0' }),
  );
  expect(reconcile.code).toBe(0);
  console.log(`failover: reconcile cache ${JSON.stringify(reconcile.report?.totals)}`);
  const postgres = await canonicalRows(
    t.pool,
    registry,
    contact,
    'SELECT * FROM contacts WHERE tenant_id = $1 ORDER BY id',
    [tenant],
  );
  const cached = await t.cache.getMany(postgres.map((row) => refOf(String(row.id))));
  expect(cached.map((record) => (record?.deleted === false ? record.data : record))).toEqual(
    postgres,
  );
  expect(cached.map((record) => record?.version)).toEqual(postgres.map((row) => row.version));
}, 600_000);

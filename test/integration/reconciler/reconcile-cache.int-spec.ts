import { randomUUID } from 'node:crypto';
import { RecordStamp } from '@syncline/cache';
import { loadConfig } from '@syncline/config';
import { TOPICS } from '@syncline/events';
import { RecordCacheRepository } from '@syncline/cache';
import { CanonicalRecord, CollectionDefinition, CollectionRegistry } from '@syncline/records';
import {
  CacheManifestReader,
  ContentReplacer,
  ReachabilityProbe,
  ReconcileCacheUseCase,
  ReconcileCommand,
  SourceManifestReader,
} from '@syncline/reconcile';
import { createSourcePool } from '@syncline/source';
import { Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { rowOf, runReconciler } from './support/run-reconciler';
import { onRedisCluster, removeKeys, unlinkEach } from '../support/test-redis';

// Postgres vs Redis: messages lost on purpose (keys deleted, versions rolled back, keys planted,
// deletes and updates whose CDC events the worker never applied), then `reconcile cache`.
const t = testClients('recon-cache');
let registry: CollectionRegistry;
let CONTACT: CollectionDefinition;
let COMPANY: CollectionDefinition;
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const brokers = t.env.SYNCLINE_KAFKA_BROKERS.split(',');
const cdcTopics = ['companies', 'contacts', 'deals'].map((table) => TOPICS.cdcTable(prefix, table));
let worker: AppProcess;

/** The reconciler's environment: this test's namespace; rows just written are not "in flight". */
const reconcilerEnv = (extra: Record<string, string> = {}) =>
  t.appEnv({ SYNCLINE_RECONCILE_GRACE_MS: '0', ...extra });

function startWorker(): AppProcess {
  return AppProcess.start('sync-worker', t.appEnv({ SYNCLINE_OPS_PORT: '0' }));
}

async function insertRows(
  definition: CollectionDefinition,
  tenant: string,
  count: number,
): Promise<string[]> {
  const values =
    definition.table === 'contacts'
      ? `(tenant_id, email, first_name, last_name) SELECT $1, 'c' || g || '-' || $3 || '@example.com', 'First ' || g, 'Last ' || g FROM generate_series(1, $2) g`
      : `(tenant_id, name, domain) SELECT $1, 'Company ' || g || ' ' || $3, 'c' || g || '.example' FROM generate_series(1, $2) g`;
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO ${definition.table} ${values} RETURNING id`,
    [tenant, count, randomUUID().slice(0, 8)],
  );
  return rows.map((row) => row.id);
}

/** A tenant's rows in canonical form, read as the reconciler reads them. */
async function pgRows(
  definition: CollectionDefinition,
  tenant: string,
): Promise<CanonicalRecord[]> {
  const records: CanonicalRecord[] = [];
  for await (const page of new SourceManifestReader(t.pool, registry).rows(definition, tenant)) {
    records.push(...page.map((row) => row.record));
  }
  return records;
}

async function stamps(
  definition: CollectionDefinition,
  tenant: string,
  ids: string[],
): Promise<(RecordStamp | undefined)[]> {
  return t.cache.stamps(ids.map((id) => ({ tenant, entity: definition.name, id })));
}

/** Every row of the tenant is in the cache, live, at its Postgres version and with its data. */
async function expectCacheEqualsPostgres(
  definition: CollectionDefinition,
  tenant: string,
): Promise<void> {
  const rows = await pgRows(definition, tenant);
  const cached = await t.cache.getMany(
    rows.map((row) => ({ tenant, entity: definition.name, id: String(row.id) })),
  );
  rows.forEach((row, index) => {
    expect(cached[index]).toEqual({
      tenant,
      entity: definition.name,
      id: row.id,
      deleted: false,
      version: row.version,
      data: row,
    });
  });
}

/** Waits until Debezium has published everything committed so far (the slot confirmed it). */
async function waitForDebezium(): Promise<void> {
  const { rows } = await t.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  await expectEventually(
    async () => {
      const { rows: slots } = await t.pool.query<{ done: boolean }>(
        `SELECT bool_or(confirmed_flush_lsn >= $1::pg_lsn) AS done FROM pg_replication_slots`,
        [rows[0].lsn],
      );
      expect(slots[0].done).toBe(true);
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}

/** Stops the worker, runs `change` (its CDC events are then skipped), restarts the worker. */
async function whileWorkerMissesIt(change: () => Promise<void>): Promise<void> {
  expect(await worker.stop('SIGTERM')).toBe(0);
  await change();
  await waitForDebezium();
  const kafka = new Kafka({ clientId: 'test-admin', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // The group jumps to the end of every CDC topic: these events are never applied. (Explicit
    // offsets: resetOffsets' "latest" is -1, which a group reading from the beginning ignores.)
    for (const topic of cdcTopics) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: t.appEnv().SYNCLINE_SYNC_GROUP_ID,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
  worker = startWorker();
  await worker.waitForOutput('ops endpoints on');
}

beforeAll(async () => {
  registry = await t.collections();
  CONTACT = registry.byCollectionName('contact');
  COMPANY = registry.byCollectionName('company');
  worker = startWorker();
  await worker.waitForOutput('ops endpoints on');
}, 120_000);

afterAll(async () => {
  await worker?.stop('SIGKILL');
  // This test's namespace holds every tenant's records the worker consumed: leave nothing behind.
  await removeKeys(t.redis, `${t.keys.namespace}:*`);
  await t.close();
});

describe('reconcile cache: Postgres vs Redis', () => {
  it('finds every kind of lost message in one run and repairs it; a second run finds nothing', async () => {
    const tenant = t.tenant('drift');
    const contacts = await insertRows(CONTACT, tenant, 300);
    const companies = await insertRows(COMPANY, tenant, 40);
    await expectEventually(
      async () => {
        await expectCacheEqualsPostgres(CONTACT, tenant);
        await expectCacheEqualsPostgres(COMPANY, tenant);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const rows = new Map((await pgRows(CONTACT, tenant)).map((row) => [String(row.id), row]));
    const ref = (id: string, entity = 'contact') => ({ tenant, entity, id });

    // 1. Keys deleted: 8 missing.
    const deleted = contacts.slice(0, 8);
    await unlinkEach(
      t.redis,
      deleted.map((id) => t.keys.record(ref(id))),
    );
    // 2. Older versions planted, with wrong data: 6 stale.
    const rolledBack = contacts.slice(8, 14);
    for (const id of rolledBack) {
      const row = rows.get(id) as CanonicalRecord;
      await t.redis.del(t.keys.record(ref(id)));
      await t.cache.apply({
        ...ref(id),
        kind: 'upsert',
        version: Number(row.version) - 1,
        data: { ...row, first_name: 'Stale' },
      });
    }
    // 3. A tombstone older than the row (a re-created row whose insert was lost): 2 missing.
    const buried = contacts.slice(14, 16);
    for (const id of buried) {
      await t.redis.del(t.keys.record(ref(id)));
      await t.cache.apply({
        ...ref(id),
        kind: 'delete',
        version: Number(rows.get(id)?.version) - 1,
      });
    }
    // 3b. Same version, different data (a write that went wrong): 2 differing.
    const corrupted = contacts.slice(24, 26);
    for (const id of corrupted) {
      const row = rows.get(id) as CanonicalRecord;
      await t.redis.hset(
        t.keys.record(ref(id)),
        'd',
        JSON.stringify({ ...row, last_name: 'Corrupt' }),
      );
    }
    // 4. Keys planted without a row (one whose id is no uuid at all): 5 contact + 1 company orphans.
    const planted = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), 'not-a-uuid'];
    for (const id of planted) {
      await t.cache.apply({ ...ref(id), kind: 'upsert', version: 7, data: { id } });
    }
    const plantedCompany = randomUUID();
    await t.cache.apply({
      ...ref(plantedCompany, 'company'),
      kind: 'upsert',
      version: 7,
      data: { id: plantedCompany },
    });
    // 5. Rows deleted and updated while the worker was down, their events skipped: 5 + 2
    //    orphans, 3 stale.
    const lostDeletes = contacts.slice(16, 21);
    const lostCompanyDeletes = companies.slice(0, 2);
    const lostUpdates = contacts.slice(21, 24);
    await whileWorkerMissesIt(async () => {
      await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [
        tenant,
        lostDeletes,
      ]);
      await t.pool.query('DELETE FROM companies WHERE tenant_id = $1 AND id = ANY($2::uuid[])', [
        tenant,
        lostCompanyDeletes,
      ]);
      await t.pool.query(
        `UPDATE contacts SET first_name = 'Updated' WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenant, lostUpdates],
      );
    });
    const expected = {
      contact: { missing: 10, stale: 9, differing: 2, orphan: 10 },
      company: { missing: 0, stale: 0, differing: 0, orphan: 3 },
    };

    // A dry run reports all of it and repairs nothing.
    const dry = await runReconciler(
      ['reconcile', 'cache', '--tenant', tenant, '--dry-run'],
      reconcilerEnv(),
    );
    expect(dry.code).toBe(0);
    for (const [entity, counts] of Object.entries(expected)) {
      expect(rowOf(dry.report, tenant, entity)).toMatchObject({
        ...counts,
        repaired: 0,
        errors: 0,
      });
    }
    expect(rowOf(dry.report, tenant, 'contact').compared).toBe(300 - 5);
    expect(await stamps(CONTACT, tenant, deleted)).toEqual(deleted.map(() => undefined));

    const run = await runReconciler(['reconcile', 'cache', '--tenant', tenant], reconcilerEnv());
    expect(run.code).toBe(0);
    expect(run.report).toMatchObject({
      reconcile_status: 'succeeded',
      reconcile_missing_total: 10,
      reconcile_stale_total: 9,
      reconcile_differing_total: 2,
      reconcile_orphan_total: 13,
      reconcile_repaired_total: 34,
    });
    for (const [entity, counts] of Object.entries(expected)) {
      expect(rowOf(run.report, tenant, entity)).toMatchObject({
        ...counts,
        repaired: counts.missing + counts.stale + counts.differing + counts.orphan,
        errors: 0,
      });
    }
    // Every row is back at its version with its data; every orphan is a tombstone at the version
    // it had (never a blind DEL, which a concurrent write could be racing).
    await expectCacheEqualsPostgres(CONTACT, tenant);
    await expectCacheEqualsPostgres(COMPANY, tenant);
    expect(await stamps(CONTACT, tenant, planted)).toEqual(
      planted.map(() => ({ version: 7, deleted: true })),
    );
    const lostRows = new Map(
      [...rows.values()].map((row) => [String(row.id), Number(row.version)]),
    );
    expect(await stamps(CONTACT, tenant, lostDeletes)).toEqual(
      lostDeletes.map((id) => ({ version: lostRows.get(id), deleted: true })),
    );
    expect(await t.redis.pttl(t.keys.record(ref(plantedCompany, 'company')))).toBeGreaterThan(0);

    // The run is on record.
    const { rows: records } = await t.pool.query(
      `SELECT kind, scope, dry_run, status, finished_at, summary, errors FROM reconcile_runs WHERE id = $1`,
      [run.report?.runId],
    );
    expect(records[0]).toMatchObject({
      kind: 'cache',
      scope: { tenant },
      dry_run: false,
      status: 'succeeded',
      finished_at: expect.any(Date),
      errors: [],
      summary: {
        totals: expect.objectContaining({
          missing: 10,
          stale: 9,
          differing: 2,
          orphan: 13,
          repaired: 34,
        }),
      },
    });

    const again = await runReconciler(['reconcile', 'cache', '--tenant', tenant], reconcilerEnv());
    expect(again.code).toBe(0);
    for (const entity of ['contact', 'company']) {
      expect(rowOf(again.report, tenant, entity)).toMatchObject({
        missing: 0,
        stale: 0,
        differing: 0,
        orphan: 0,
        repaired: 0,
        errors: 0,
      });
    }
    expect(again.stderr).toContain('reconcile cache: succeeded');
  }, 300_000);

  it('never lets a repair overwrite a newer version written while it ran', async () => {
    const tenant = t.tenant('race');
    const ids = await insertRows(CONTACT, tenant, 6);
    await expectEventually(() => expectCacheEqualsPostgres(CONTACT, tenant), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const ref = (id: string) => ({ tenant, entity: 'contact', id });
    const [racedMissing, plainMissing] = ids;
    await unlinkEach(t.redis, [t.keys.record(ref(racedMissing)), t.keys.record(ref(plainMissing))]);
    const [racedOrphan, plainOrphan] = [randomUUID(), randomUUID()];
    for (const id of [racedOrphan, plainOrphan]) {
      await t.cache.apply({ ...ref(id), kind: 'upsert', version: 5, data: { id } });
    }

    // The worker "wins the race": right after the reconciler looked at the cache, before it
    // writes, a newer version of the same record lands in the cache.
    const config = loadConfig(reconcilerEnv());
    const pool = createSourcePool(config.postgres, 2, 'reconcile-race-test');
    const newer = async (id: string, version: number) =>
      t.cache.apply({ ...ref(id), kind: 'upsert', version, data: { id, first_name: 'Newer' } });
    const racingCache = Object.assign(Object.create(t.cache) as RecordCacheRepository, {
      applyMany: async (writes: Parameters<RecordCacheRepository['applyMany']>[0]) => {
        if (writes.some((write) => write.id === racedMissing)) await newer(racedMissing, 1e12);
        return t.cache.applyMany(writes);
      },
    });
    const source = new SourceManifestReader(pool, registry);
    const racingSource = Object.assign(Object.create(source) as SourceManifestReader, {
      existingIds: async (...args: Parameters<SourceManifestReader['existingIds']>) => {
        const found = await source.existingIds(...args);
        if (args[2].includes(racedOrphan)) await newer(racedOrphan, 1e12);
        return found;
      },
    });
    const useCase = new ReconcileCacheUseCase(
      racingSource,
      new CacheManifestReader(t.cache, t.redis),
      racingCache,
      new ContentReplacer(t.redis, t.keys),
      registry,
      new ReachabilityProbe(pool, t.redis),
      { graceMs: 0 },
    );
    try {
      const report = await useCase.execute(
        new ReconcileCommand('cache', { tenant, entity: 'contact' }),
      );
      expect(rowOf(report, tenant, 'contact')).toMatchObject({
        missing: 2,
        orphan: 2,
        // Only the unraced ones were written: the guard refused the two older writes.
        repaired: 2,
      });
    } finally {
      await pool.end();
    }
    expect(await t.cache.get(ref(racedMissing))).toMatchObject({
      deleted: false,
      version: 1e12,
      data: { first_name: 'Newer' },
    });
    expect(await t.cache.get(ref(racedOrphan))).toMatchObject({ deleted: false, version: 1e12 });
    expect(await t.cache.get(ref(plainOrphan))).toMatchObject({ deleted: true, version: 5 });
    const [plainRow] = (await pgRows(CONTACT, tenant)).filter((row) => row.id === plainMissing);
    expect(await t.cache.get(ref(plainMissing))).toMatchObject({
      deleted: false,
      version: plainRow.version,
      data: plainRow,
    });
  });

  it('runs beside live writes and the sync-worker without ever regressing a record', async () => {
    const tenant = t.tenant('live');
    const ids = await insertRows(CONTACT, tenant, 200);
    await expectEventually(() => expectCacheEqualsPostgres(CONTACT, tenant), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const ref = (id: string) => ({ tenant, entity: 'contact', id });
    await unlinkEach(
      t.redis,
      ids.slice(0, 20).map((id) => t.keys.record(ref(id))),
    );
    for (const id of ids.slice(20, 30)) {
      await t.redis.hset(t.keys.record(ref(id)), 'v', '1'); // rolled back below the row
    }

    // A writer keeps changing the other rows (so the planted drift stays until the run); a
    // watcher samples every key and remembers the highest version it saw: a lower one later
    // would be a regression.
    const live = ids.slice(30);
    let writing = true;
    let writes = 0;
    const writer = (async () => {
      while (writing) {
        const batch = Array.from(
          { length: 10 },
          () => live[Math.floor(Math.random() * live.length)],
        );
        await t.pool.query(
          `UPDATE contacts SET lead_score = lead_score + 1 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
          [tenant, batch],
        );
        writes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const highest = new Map<string, number>();
    const regressions: string[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const seen = await stamps(CONTACT, tenant, ids);
        seen.forEach((stamp, index) => {
          if (!stamp) return;
          const before = highest.get(ids[index]) ?? 0;
          if (stamp.version < before)
            regressions.push(`${ids[index]}: ${before} -> ${stamp.version}`);
          highest.set(ids[index], Math.max(before, stamp.version));
        });
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    const run = await runReconciler(['reconcile', 'cache', '--tenant', tenant], reconcilerEnv());
    writing = false;
    await writer;
    expect(run.code).toBe(0);
    expect(writes).toBeGreaterThan(5);
    const row = rowOf(run.report, tenant, 'contact');
    // What was lost is found and repaired; rows changed during the run are in flight (or, when
    // the worker lagged behind a change, stale and rewritten at the same version: harmless).
    expect(row).toMatchObject({ errors: 0, orphan: 0, missing: 20 });
    expect(row.stale).toBeGreaterThanOrEqual(10);
    expect(row.repaired).toBeGreaterThanOrEqual(30);

    // Once the worker caught up, the cache equals Postgres; no version ever went down.
    await expectEventually(() => expectCacheEqualsPostgres(CONTACT, tenant), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    watching = false;
    await watcher;
    expect(regressions).toEqual([]);
  }, 180_000);

  it('exits 2 on bad flags and 1 when Postgres or Redis cannot be reached', async () => {
    const cases: [string[], Record<string, string>, number, RegExp][] = [
      [['reconcile', 'cache', '--tenant', `nobody-${randomUUID()}`], {}, 2, /unknown tenant/],
      [
        ['reconcile', 'cache', '--entity', 'widgets'],
        {},
        2,
        /unknown collection "widgets": one of /,
      ],
      [['reconcile', 'crm', '--destination', 'no-such-crm'], {}, 2, /unknown destination/],
      [['reconcile', 'cache', '--frobnicate'], {}, 2, /unknown option '--frobnicate'/],
      [['reconcile', 'sideways'], {}, 2, /unknown kind "sideways"/],
      [
        ['reconcile', 'cache'],
        {
          SYNCLINE_REDIS_URL: 'redis://127.0.0.1:1',
          ...(onRedisCluster(t.env) ? { SYNCLINE_REDIS_CLUSTER_NODES: 'redis://127.0.0.1:1' } : {}),
        },
        1,
        /cannot reach Redis/,
      ],
      [['reconcile', 'cache'], { SYNCLINE_PG_PORT: '1' }, 1, /cannot start/],
    ];
    for (const [args, env, code, message] of cases) {
      const run = await runReconciler(args, reconcilerEnv(env), 60_000);
      expect({ args, code: run.code }).toEqual({ args, code });
      expect(run.stderr).toMatch(message);
    }
  }, 180_000);
});

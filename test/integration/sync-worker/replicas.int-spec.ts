import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { canonicalRows } from '../support/canonical-rows';

const t = testClients('replicas');
const tenant = t.tenant('bulk');
let registry: CollectionRegistry;
let contact: CollectionDefinition;
beforeAll(async () => {
  registry = await t.collections();
  contact = registry.byCollectionName('contact');
});
const ROWS = 20_000;
const workers: AppProcess[] = [];

async function cachedCount(): Promise<number> {
  let count = 0;
  for await (const keys of t.cache.scan(t.keys.entityPattern('contact', tenant), 5000))
    count += keys.length;
  return count;
}

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
  await t.close();
});

describe('sync-worker replicas', () => {
  it('share the partitions, and a replica killed mid-batch loses and regresses nothing', async () => {
    // Short session timeout: the survivor takes over the dead replica's partitions in seconds.
    const env = t.appEnv({ SYNCLINE_OPS_PORT: '0', SYNCLINE_SYNC_SESSION_TIMEOUT_MS: '6000' });
    workers.push(AppProcess.start('sync-worker', env), AppProcess.start('sync-worker', env));
    await Promise.all(workers.map((worker) => worker.waitForOutput('ops endpoints on')));

    const kafka = new Kafka({
      clientId: 'test-admin',
      brokers: t.env.SYNCLINE_KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await expectEventually(
      async () => {
        const { groups } = await admin.describeGroups([env.SYNCLINE_SYNC_GROUP_ID]);
        expect(groups[0].state).toBe('Stable');
        expect(groups[0].members).toHaveLength(2);
        // Each replica owns partitions of its own.
        for (const member of groups[0].members)
          expect(member.memberAssignment.length).toBeGreaterThan(10);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await admin.disconnect();

    // A burst of inserts, then updates of every row while the replicas are busy with it.
    await t.pool.query(
      `INSERT INTO contacts (tenant_id, email, first_name, lead_score, notes)
       SELECT $1, 'bulk-' || n || '@example.com', 'Bulk ' || n, n % 100, repeat('n', 200) FROM generate_series(1, $2) AS n`,
      [tenant, ROWS],
    );
    const updates = t.pool.query(
      `UPDATE contacts SET lead_score = lead_score + 1, status = 'inactive' WHERE tenant_id = $1`,
      [tenant],
    );

    // Kill one replica as soon as it is applying this burst: SIGKILL, no chance to commit.
    await expectEventually(async () => expect(await cachedCount()).toBeGreaterThan(500), {
      timeoutMs: 60_000,
      intervalMs: 20,
    });
    workers[0].kill('SIGKILL');
    const countAtKill = await cachedCount();
    await updates;
    await t.pool.query(
      `UPDATE contacts SET do_not_contact = true WHERE tenant_id = $1 AND lead_score % 7 = 0`,
      [tenant],
    );

    // The survivor takes over and everything arrives: every row at its Postgres version and state.
    const expected = await canonicalRows(
      t.pool,
      registry,
      contact,
      'SELECT * FROM contacts WHERE tenant_id = $1 ORDER BY id',
      [tenant],
    );
    expect(expected).toHaveLength(ROWS);
    await expectEventually(
      async () => {
        const cached = await t.cache.getMany(
          expected.map((row) => ({ tenant, entity: 'contact', id: row.id as string })),
        );
        const behind = cached.filter(
          (record, index) => record?.version !== expected[index].version,
        );
        expect({ behind: behind.length }).toEqual({ behind: 0 });
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    );
    const cached = await t.cache.getMany(
      expected.map((row) => ({ tenant, entity: 'contact', id: row.id as string })),
    );
    cached.forEach((record, index) =>
      expect(record).toEqual({
        tenant,
        entity: 'contact',
        id: expected[index].id,
        deleted: false,
        version: expected[index].version,
        data: expected[index],
      }),
    );
    expect(countAtKill).toBeLessThan(ROWS * 2);
    expect(workers[1].running).toBe(true);
  }, 240_000);
});

import { randomUUID } from 'node:crypto';
import { TOPICS } from '@syncline/events';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { canonicalRows } from '../support/canonical-rows';

// Invariant 3: replaying the CDC topics from offset 0 yields the same cache. The case that can go
// wrong is the one where the cache no longer remembers what it had: tombstones expired and keys
// evicted, so the old events of those rows (inserts of rows deleted since, earlier versions) are
// no longer at or below a stored version and are written again. The cache must still end equal
// to Postgres, row by row.
jest.setTimeout(180_000);

const t = testClients('replay');
const brokers = t.env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const topics = ['companies', 'contacts', 'deals'].map((table) => TOPICS.cdcTable(prefix, table));
let registry: CollectionRegistry;
let contact: CollectionDefinition;
beforeAll(async () => {
  registry = await t.collections();
  contact = registry.byCollectionName('contact');
});
const tenant = t.tenant('acme');
const groupId = t.appEnv().SYNCLINE_SYNC_GROUP_ID;
let worker: AppProcess | undefined;
let admin: Admin;

const workerEnv = () => t.appEnv({ SYNCLINE_OPS_PORT: '0' });
const refOf = (id: string) => ({ tenant, entity: 'contact', id });

async function insert(id: string = randomUUID(), firstName = 'Ada'): Promise<string> {
  await t.pool.query(
    `INSERT INTO contacts (tenant_id, id, email, first_name) VALUES ($1, $2, $3, $4)`,
    [tenant, id, `${randomUUID().slice(0, 12)}@example.com`, firstName],
  );
  return id;
}
const update = (id: string, firstName: string) =>
  t.pool.query(`UPDATE contacts SET first_name = $3 WHERE tenant_id = $1 AND id = $2`, [
    tenant,
    id,
    firstName,
  ]);
const remove = (id: string) =>
  t.pool.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = $2`, [tenant, id]);

/** The tenant's rows in Postgres, canonical, by id. */
async function postgresRows(): Promise<Map<string, Record<string, unknown>>> {
  const rows = await canonicalRows(
    t.pool,
    registry,
    contact,
    'SELECT * FROM contacts WHERE tenant_id = $1',
    [tenant],
  );
  return new Map(rows.map((row) => [row.id as string, row]));
}

/** Every id in `ids`: live in the cache exactly as in Postgres, or not live where Postgres has no row. */
async function expectCacheEqualsPostgres(ids: string[]): Promise<void> {
  const rows = await postgresRows();
  const cached = await t.cache.getMany(ids.map(refOf));
  const view = ids.map((id, i) => {
    const record = cached[i];
    return { id, live: record && !record.deleted ? record.data : undefined };
  });
  expect(view).toEqual(ids.map((id) => ({ id, live: rows.get(id) })));
}

async function startWorker(): Promise<void> {
  worker = AppProcess.start('sync-worker', workerEnv());
  await worker.waitForOutput('ops endpoints on');
}

/** The group's committed offset is the end of every partition of the CDC topics. */
async function expectGroupAtEnd(): Promise<void> {
  for (const topic of topics) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const offset = committed.partitions.find((p) => p.partition === end.partition)?.offset;
      expect({ topic, partition: end.partition, offset: end.high === '0' ? '0' : offset }).toEqual({
        topic,
        partition: end.partition,
        offset: end.high,
      });
    }
  }
}

beforeAll(async () => {
  admin = new Kafka({ clientId: 'replay-admin', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await startWorker();
});

afterAll(async () => {
  await worker?.stop('SIGKILL');
  await admin?.disconnect();
  await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1', [tenant]);
  await t.close();
});

describe('sync-worker: replay from offset 0', () => {
  it('after tombstones expired and keys were evicted, leaves the cache equal to Postgres', async () => {
    // History: updated rows, deleted rows, a row deleted and inserted again under the same key.
    const updated = await insert();
    await update(updated, 'Second');
    await update(updated, 'Third');
    const deleted = await insert();
    await update(deleted, 'Doomed');
    await remove(deleted);
    const reborn = await insert();
    await update(reborn, 'First life');
    await remove(reborn);
    await insert(reborn, 'Second life');
    const untouched = await insert();
    const deletedUnseen = await insert();
    await remove(deletedUnseen);
    const ids = [updated, deleted, reborn, untouched, deletedUnseen];
    await expectEventually(() => expectCacheEqualsPostgres(ids), { timeoutMs: 60_000 });
    await expectEventually(async () =>
      expect(await t.cache.get(refOf(deleted))).toMatchObject({ deleted: true }),
    );

    // The worker consumed every partition (other files' events included), then stops the way
    // Kubernetes does: everything applied stays committed.
    await expectEventually(() => expectGroupAtEnd(), { timeoutMs: 120_000, intervalMs: 500 });
    expect(await worker?.stop('SIGTERM')).toBe(0);
    worker = undefined;
    await expectGroupAtEnd();

    // The cache forgets: the tombstones expire, live keys are evicted (one is kept, as a cache
    // that only lost part of its keys would).
    const forgotten = [deleted, deletedUnseen, updated, reborn];
    for (const id of forgotten) await t.redis.del(t.keys.record(refOf(id)));
    expect((await t.cache.getMany(forgotten.map(refOf))).every((r) => r === undefined)).toBe(true);

    for (const topic of topics) await admin.resetOffsets({ groupId, topic, earliest: true });
    await startWorker();
    // Replayed to the end: every old insert, update and delete went through the guard again.
    await expectEventually(() => expectGroupAtEnd(), { timeoutMs: 120_000, intervalMs: 500 });

    await expectCacheEqualsPostgres(ids);
    // Rows deleted in Postgres are gone from the cache again (a tombstone, not a live record).
    expect(await t.cache.get(refOf(deleted))).toMatchObject({ deleted: true });
    expect(await t.cache.get(refOf(reborn))).toMatchObject({
      deleted: false,
      data: { first_name: 'Second life' },
    });
  });
});

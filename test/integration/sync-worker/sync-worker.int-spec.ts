import { randomBytes, randomUUID } from 'node:crypto';
import { CachedRecord } from '@syncline/cache';
import { DEAD_LETTER_HEADERS, TOPICS } from '@syncline/events';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { debeziumContactRow, debeziumEnvelope, produceRaw } from '../support/debezium-events';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { canonicalRows } from '../support/canonical-rows';
import { TopicReader } from '../support/topic-reader';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { unlinkEach } from '../support/test-redis';

const t = testClients('sync');
const brokers = t.env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const contactsTopic = TOPICS.cdcTable(prefix, 'contacts');
let registry: CollectionRegistry;
let contact: CollectionDefinition;
beforeAll(async () => {
  registry = await t.collections();
  contact = registry.byCollectionName('contact');
});
const tenant = t.tenant('acme');
let worker: AppProcess;
let deadLetters: TopicReader;

/** Debezium's key for a row: the same bytes put a fabricated event on the row's partition. */
const debeziumKey = (id: string) => JSON.stringify({ tenant_id: tenant, id });

async function cached(id: string, entity = 'contact'): Promise<CachedRecord | undefined> {
  return t.cache.get({ tenant, entity, id });
}

async function insertContact(
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const row = {
    email: `${randomUUID().slice(0, 12)}@example.com`,
    first_name: 'Ada',
    ...overrides,
  };
  const names = Object.keys(row);
  const { rows } = await t.pool.query<{ id: string; version: string }>(
    `INSERT INTO contacts (tenant_id, ${names.join(', ')}) VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id, version`,
    [tenant, ...Object.values(row)],
  );
  return { id: rows[0].id, version: Number(rows[0].version) };
}

async function pgContact(id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await canonicalRows(
    t.pool,
    registry,
    contact,
    'SELECT * FROM contacts WHERE tenant_id = $1 AND id = $2',
    [tenant, id],
  );
  return row;
}

/** Waits until the cache holds exactly what Postgres holds for the row. */
async function expectCacheMatchesPostgres(id: string): Promise<void> {
  await expectEventually(async () => {
    const [row, record] = await Promise.all([pgContact(id), cached(id)]);
    expect(record).toMatchObject({ deleted: false, version: row?.version, data: row });
  });
}

beforeAll(async () => {
  // A fresh group would replay every earlier file's changes first (slow on the cluster pass).
  await startGroupsAtEnd(brokers, [
    { groupId: t.appEnv().SYNCLINE_SYNC_GROUP_ID, topics: [TOPICS.cdcPattern(prefix)] },
  ]);
  deadLetters = await TopicReader.start(brokers, [TOPICS.cdcDeadLetters(prefix)]);
  worker = AppProcess.start(
    'sync-worker',
    t.appEnv({
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_SYNC_MAX_EVENT_BYTES: '65536',
      SYNCLINE_HEALTH_INTERVAL_MS: '500',
    }),
  );
  await worker.waitForOutput('ops endpoints on');
});

afterAll(async () => {
  await worker?.stop('SIGKILL');
  await deadLetters?.stop();
  await t.close();
});

describe('sync-worker: Postgres -> Debezium -> Kafka -> Redis', () => {
  it('puts a new row in the cache at its version, follows updates, and leaves a tombstone on delete', async () => {
    const { id } = await insertContact({ custom_fields: JSON.stringify({ tier: 'gold' }) });
    await expectCacheMatchesPostgres(id);
    expect(await cached(id)).toMatchObject({
      data: { custom_fields: { tier: 'gold' } },
    });

    await t.pool.query(
      `UPDATE contacts SET lead_score = 42, status = 'inactive' WHERE tenant_id = $1 AND id = $2`,
      [tenant, id],
    );
    await expectCacheMatchesPostgres(id);
    const updatedVersion = (await cached(id))?.version;

    await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [tenant, id]);
    await expectEventually(async () =>
      expect(await cached(id)).toEqual({
        tenant,
        entity: 'contact',
        id,
        deleted: true,
        version: updatedVersion,
      }),
    );
    // The tombstone expires, so it cannot pile up.
    expect(await t.redis.pttl(t.keys.record({ tenant, entity: 'contact', id }))).toBeGreaterThan(0);
  });

  it('never lets a late, older event undo a delete', async () => {
    const { id, version } = await insertContact();
    await expectCacheMatchesPostgres(id);
    await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [tenant, id]);
    await expectEventually(async () => expect(await cached(id)).toMatchObject({ deleted: true }));

    // A stale update of the deleted row arrives late, then a marker the DLQ will show once handled.
    const late = debeziumContactRow(tenant, { id, version, first_name: 'Resurrected' });
    await produceRaw(brokers, contactsTopic, [
      {
        key: debeziumKey(id),
        value: JSON.stringify(debeziumEnvelope('u', { before: late, after: late })),
      },
      { key: debeziumKey(id), value: `marker-${id}` },
    ]);
    await deadLetters.waitFor((m) => m.value === `marker-${id}`);
    expect(await cached(id)).toMatchObject({ deleted: true, version });
  });

  it('dead-letters poison messages with their reason and keeps applying the partition', async () => {
    const id = randomUUID();
    const key = debeziumKey(id);
    const schemaViolation = debeziumContactRow(tenant, {
      id: randomUUID(),
      lead_score: 'not a number',
    });
    const unknownTable = debeziumEnvelope('c', {
      after: debeziumContactRow(tenant),
      table: 'invoices',
    });
    const oversized = debeziumContactRow(tenant, { id: randomUUID(), notes: 'x'.repeat(100_000) });
    const valid = debeziumContactRow(tenant, { id, version: 7, first_name: 'After the poison' });
    await produceRaw(brokers, contactsTopic, [
      { key, value: '{"op": "c", "after": {' },
      { key, value: JSON.stringify(debeziumEnvelope('c', { after: schemaViolation })) },
      { key, value: JSON.stringify(unknownTable) },
      { key, value: JSON.stringify(debeziumEnvelope('c', { after: oversized })) },
      { key, value: JSON.stringify(debeziumEnvelope('c', { after: valid })) },
    ]);

    await expectEventually(async () =>
      expect(await cached(id)).toMatchObject({
        version: 7,
        data: { first_name: 'After the poison' },
      }),
    );
    const letters = await deadLetters.waitFor(
      (m) => m.key === key || (m.key as { id?: string })?.id === id,
      4,
    );
    expect(letters.map((m) => m.headers[DEAD_LETTER_HEADERS.reason])).toEqual([
      'UNDECODABLE_EVENT',
      'SCHEMA_VIOLATION',
      'UNKNOWN_TABLE',
      'OVERSIZED_PAYLOAD',
    ]);
    expect(letters[1].headers[DEAD_LETTER_HEADERS.message]).toContain('/lead_score');
    for (const letter of letters) {
      expect(letter.headers[DEAD_LETTER_HEADERS.sourceTopic]).toBe(contactsTopic);
      expect(Number(letter.headers[DEAD_LETTER_HEADERS.sourceOffset])).toBeGreaterThanOrEqual(0);
      expect(letter.headers[DEAD_LETTER_HEADERS.stage]).toBe('sync-worker');
    }
    // The original bytes are kept, so a fixed event can be replayed.
    expect(letters[0].value).toBe('{"op": "c", "after": {');
  });

  it('fills an unchanged TOASTed column (Debezium placeholder) instead of caching the placeholder', async () => {
    // Incompressible, so stored out of line (TOAST); small enough that before+after stay under the limit.
    const notes = randomBytes(12_000).toString('hex');
    const { id } = await insertContact({ notes });
    await expectCacheMatchesPostgres(id);
    await t.pool.query(
      `UPDATE contacts SET first_name = 'Toasty' WHERE tenant_id = $1 AND id = $2`,
      [tenant, id],
    );
    await expectCacheMatchesPostgres(id);
    expect(await cached(id)).toMatchObject({ data: { notes } });
  });

  it('takes a placeholder from the cache, or from Postgres when the cache lacks the record', async () => {
    // From the cache: the record is cached; the event has no before image (REPLICA IDENTITY DEFAULT).
    const notes = 'cached notes '.repeat(100);
    const { id } = await insertContact({ notes });
    await expectCacheMatchesPostgres(id);
    const version = ((await cached(id)) as CachedRecord).version + 1000;
    const fromCache = debeziumContactRow(tenant, {
      id,
      version,
      first_name: 'From cache',
      notes: '__debezium_unavailable_value',
    });
    // From Postgres: a row whose cache entry is gone (evicted, or lost with a Redis failover).
    const { id: evicted } = await insertContact({ notes: 'only in postgres' });
    await expectCacheMatchesPostgres(evicted);
    await unlinkEach(t.redis, [t.keys.record({ tenant, entity: 'contact', id: evicted })]);
    const evictedEvent = debeziumContactRow(tenant, {
      id: evicted,
      version: 1,
      notes: '__debezium_unavailable_value',
    });
    await produceRaw(brokers, contactsTopic, [
      { key: debeziumKey(id), value: JSON.stringify(debeziumEnvelope('u', { after: fromCache })) },
      {
        key: debeziumKey(evicted),
        value: JSON.stringify(debeziumEnvelope('u', { after: evictedEvent })),
      },
    ]);
    await expectEventually(async () =>
      expect(await cached(id)).toMatchObject({
        version,
        data: { first_name: 'From cache', notes },
      }),
    );
    // Postgres had a newer version than the event: the cache gets the row as Postgres has it.
    await expectCacheMatchesPostgres(evicted);
  });

  it('caches a record whose tenant holds any character (space, colon, glob, non-ASCII), and its delete', async () => {
    const oddTenant = `${tenant} x:*?[é]%`;
    const { rows } = await t.pool.query<{ id: string; version: string }>(
      `INSERT INTO contacts (tenant_id, email, first_name) VALUES ($1, $2, 'Odd key') RETURNING id, version`,
      [oddTenant, `${randomUUID().slice(0, 12)}@example.com`],
    );
    const { id } = rows[0];
    const ref = { tenant: oddTenant, entity: 'contact', id };
    await expectEventually(async () =>
      expect(await t.cache.get(ref)).toMatchObject({
        deleted: false,
        data: { tenant_id: oddTenant },
      }),
    );
    await t.pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [oddTenant, id]);
    await expectEventually(async () =>
      expect(await t.cache.get(ref)).toMatchObject({
        deleted: true,
        version: Number(rows[0].version),
      }),
    );
  });

  it("names every column changed in a batch in the record-changed notice, not only the last change's", async () => {
    const notices = await TopicReader.start(brokers, [TOPICS.recordChanged(prefix)]);
    try {
      const id = randomUUID();
      const v1 = debeziumContactRow(tenant, { id, version: 1, email: 'old@example.com' });
      const v2 = { ...v1, version: 2, email: 'new@example.com' }; // a trigger field
      const v3 = { ...v2, version: 3, notes: 'just a note' }; // not one
      // One produce call: one Kafka record batch, fetched and applied as one batch.
      await produceRaw(brokers, contactsTopic, [
        {
          key: debeziumKey(id),
          value: JSON.stringify(debeziumEnvelope('u', { before: v1, after: v2 })),
        },
        {
          key: debeziumKey(id),
          value: JSON.stringify(debeziumEnvelope('u', { before: v2, after: v3 })),
        },
      ]);
      const [notice] = await notices.waitFor(
        (m) =>
          (m.value as { id?: string; version?: number })?.id === id &&
          (m.value as { version?: number }).version === 3,
      );
      expect((notice.value as { changed?: string[] }).changed).toEqual(
        expect.arrayContaining(['email', 'notes']),
      );
    } finally {
      await notices.stop();
    }
  });

  it('follows a primary-key change: the old key is deleted, the new key created', async () => {
    const { id } = await insertContact({ first_name: 'Moving' });
    await expectCacheMatchesPostgres(id);
    const newId = randomUUID();
    await t.pool.query('UPDATE contacts SET id = $3 WHERE tenant_id = $1 AND id = $2', [
      tenant,
      id,
      newId,
    ]);
    await expectEventually(async () => expect(await cached(id)).toMatchObject({ deleted: true }));
    await expectCacheMatchesPostgres(newId);
    expect(((await cached(newId)) as { data: Record<string, unknown> }).data.first_name).toBe(
      'Moving',
    );
  });

  it('clears a table from the cache on TRUNCATE', async () => {
    const { rows } = await t.pool.query<{ id: string }>(
      `INSERT INTO deals (tenant_id, name, amount, close_date) VALUES ($1, 'Big deal', '1250.50', '2026-12-31') RETURNING id`,
      [tenant],
    );
    const dealId = rows[0].id;
    await expectEventually(async () =>
      expect(await cached(dealId, 'deal')).toMatchObject({
        data: { amount: '1250.50', close_date: '2026-12-31' },
      }),
    );
    await t.pool.query('TRUNCATE deals');
    await expectEventually(async () => expect(await cached(dealId, 'deal')).toBeUndefined());
  });

  it('exposes what an operator watches on /metrics and reports ready', async () => {
    const port = /ops endpoints on :(\d+)/.exec(worker.output)?.[1];
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/syncline_sync_events_total\{op="c",outcome="applied"[^}]*\} [1-9]/);
    expect(metrics).toMatch(
      /syncline_sync_dead_letters_total\{reason="SCHEMA_VIOLATION"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/syncline_sync_toast_fills_total\{source="(before|cache)"/);
    expect(metrics).toContain('syncline_sync_batch_duration_seconds_bucket');
    // Lag per collection of this worker's group, and the slot it reads through Debezium.
    const group = t.appEnv().SYNCLINE_SYNC_GROUP_ID;
    await expectEventually(async () => {
      const sampled = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(sampled).toMatch(
        new RegExp(
          `syncline_consumer_lag_messages\\{group="${group}",topic="${contactsTopic}",collection="contact",destination=""[^}]*\\} \\d`,
        ),
      );
      expect(sampled).toMatch(/syncline_replication_slot_active\{slot="syncline"[^}]*\} 1/);
      expect(sampled).toMatch(
        /syncline_connector_task_state\{connector="syncline-postgres",task="0",state="RUNNING"[^}]*\} 1/,
      );
    });
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
  });

  // Replay from offset 0 (after tombstones expired and keys were evicted): replay-from-zero.int-spec.ts.
  it('on SIGTERM commits what it applied and exits', async () => {
    // Let the worker catch up, then stop it the way Kubernetes does.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await worker.stop('SIGTERM')).toBe(0);
    const groupId = t.appEnv().SYNCLINE_SYNC_GROUP_ID;
    const kafka = new Kafka({ clientId: 'test-admin', brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const topics = ['companies', 'contacts', 'deals'].map((table) =>
      TOPICS.cdcTable(prefix, table),
    );
    // Everything consumed was committed: the group's offsets are at the end of every partition.
    await expectGroupAtEnd(admin, groupId, topics);

    await admin.disconnect();
  });
});

/** Asserts the group's committed offset is the end of every partition of `topics`. */
async function expectGroupAtEnd(admin: Admin, groupId: string, topics: string[]): Promise<void> {
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

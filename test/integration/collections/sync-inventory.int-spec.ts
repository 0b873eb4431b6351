import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachedRecord } from '@syncline/cache';
import { DEAD_LETTER_HEADERS, TOPICS } from '@syncline/events';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { testClients } from '../support/test-clients';
import { TopicReader } from '../support/topic-reader';
import { canonicalRows } from '../support/canonical-rows';

// The sync path on the inventory schema (scripts/fixtures/inventory/schema.sql), unlike the demo's:
// serial and bigint identity keys, a composite key, a text key, WAL-position versions, single-tenant
// tables, a non-public schema, a quoted mixed-case table and a column of every supported type.
// Inserts, updates, deletes and TRUNCATE reach the cache with the data Postgres holds.
jest.setTimeout(180_000);

const t = testClients('sync-inventory');
const brokers = t.env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const org = t.tenant('org');
const site = t.tenant('site');
let registry: CollectionRegistry;
let worker: AppProcess;
let deadLetters: TopicReader;
const TTL_SECONDS = 3600;
let configFile: string | undefined;
// Where each table's topic ended when this file started: later events are this file's.
const startOffsets = new Map<string, bigint>();

interface TableCase {
  collection: string;
  /** Postgres' name of the table, quoted as SQL needs it. */
  table: string;
  tenant: () => string;
  /** Inserts a row (n distinguishes rows); resolves to its key condition's parameters. */
  insert: (n: number) => Promise<unknown[]>;
  /** SQL condition on the key, with the key parameters from `insert` as $1... */
  where: string;
  update: string;
}

const uniq = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const one = async (sql: string, values: unknown[]) =>
  Object.values((await t.pool.query<Record<string, unknown>>(sql, values)).rows[0]);

const CASES: TableCase[] = [
  {
    collection: 'warehouses',
    table: 'inventory.warehouses',
    tenant: () => 'default',
    insert: (n) =>
      one(
        `INSERT INTO inventory.warehouses (code, city, opened_on, capacity) VALUES ($1, 'Berlin', '2024-03-01', $2) RETURNING id`,
        [uniq().slice(0, 4), n],
      ),
    where: 'id = $1',
    update: `UPDATE inventory.warehouses SET city = 'Köln, "Ost"', capacity = capacity + 1 WHERE id = $1`,
  },
  {
    collection: 'stock_level',
    table: 'inventory.stock_levels',
    tenant: () => org,
    insert: (n) =>
      one(
        `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, fill) VALUES ($1, $2, $3, 5, 12.5) RETURNING org, warehouse_id, sku`,
        [org, n, `SKU-${uniq()}`],
      ),
    where: 'org = $1 AND warehouse_id = $2 AND sku = $3',
    update: `UPDATE inventory.stock_levels SET on_hand = on_hand - 1, fill = 99.99 WHERE org = $1 AND warehouse_id = $2 AND sku = $3`,
  },
  {
    collection: 'sensor_reading',
    table: 'public.sensor_readings',
    tenant: () => site,
    insert: (n) =>
      one(
        `INSERT INTO public.sensor_readings (site, small_value, int_value, big_value, exact_value, any_numeric,
           real_value, double_value, label, short_label, code, active, device, read_on, read_at_time, read_at,
           read_at_tz, window_length, raw_json, attributes, payload, quality, battery, samples, tags, qualities)
         VALUES ($1, -32768, $2, 9007199254740991, 123456789.120, 'NaN', 1.1, 0.1, 'a"b\\c', 'short', 'ab', false,
           'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '1999-12-31', '23:59:59.999999', '2024-02-29 12:00:00.000001',
           '2024-02-29 12:00:00.5+02', '1 year 2 months 3 days 04:05:06.789', '{"b": 1,  "a": [1,2]}',
           '{"b": 1, "a": {"x": null}}', '\\x00ff10', 'suspect', 12.5, '{1.5,NaN,-Infinity}',
           '{"a,b","c\\"d"}', '{good,bad}')
         RETURNING reading_id`,
        [site, n],
      ),
    where: 'reading_id = $1',
    update: `UPDATE public.sensor_readings SET real_value = 1e-45, double_value = 'Infinity', quality = NULL,
               window_length = '-1.5 seconds', read_at = '1900-01-01 00:00:00.123456', any_numeric = '-Infinity',
               payload = '\\x', tags = '{}', attributes = '"x"', read_at_time = '24:00:00' WHERE reading_id = $1`,
  },
  {
    collection: 'SkuCatalog',
    table: 'public."SkuCatalog"',
    tenant: () => 'default',
    insert: (n) =>
      one(
        `INSERT INTO public."SkuCatalog" ("Sku", "DisplayName", "UnitPrice") VALUES ($1, 'Bolt', $2) RETURNING "Sku"`,
        [`ACME-${uniq()}/${n} %,:`, n],
      ),
    where: '"Sku" = $1',
    update: `UPDATE public."SkuCatalog" SET "Discontinued" = true, "UnitPrice" = NULL WHERE "Sku" = $1`,
  },
];

beforeAll(async () => {
  // The stack's collections config, with a TTL for one collection, and without the one column
  // Debezium does not send (levels, an array of a domain): so every value here comes from Debezium's
  // events, none from a Postgres read (sync-schema-evolution covers that column).
  configFile = join(tmpdir(), `collections-${org}.yaml`);
  const stackConfig = readFileSync(t.env.SYNCLINE_COLLECTIONS_FILE, 'utf8');
  writeFileSync(
    configFile,
    stackConfig.replace(
      '    tenantColumn: site\n',
      `    tenantColumn: site\n    ttlSeconds: ${TTL_SECONDS}\n    exclude: [levels]\n`,
    ),
  );
  registry = await CollectionRegistry.load({
    pool: t.pool,
    publication: t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc',
    configFile,
  });
  expect(registry.byCollectionName('sensor_reading').columns).not.toHaveProperty('levels');
  // A table's topic must exist when the worker subscribes (kafkajs resolves its pattern once).
  const admin = new Kafka({
    clientId: 'sync-inventory',
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  const topics = registry.collections.map((c) => `${prefix}.${c.schema}.${c.table}`);
  await admin.createTopics({ topics: topics.map((topic) => ({ topic })) });
  for (const topic of topics)
    for (const { partition, high } of await admin.fetchTopicOffsets(topic))
      startOffsets.set(`${topic}/${partition}`, BigInt(high));
  await admin.disconnect();
  // The worker starts with what this file writes, not every earlier file's history.
  await startGroupsAtEnd(brokers, [{ groupId: t.appEnv().SYNCLINE_SYNC_GROUP_ID, topics }]);
  deadLetters = await TopicReader.start(brokers, [TOPICS.cdcDeadLetters(prefix)]);
  worker = AppProcess.start(
    'sync-worker',
    t.appEnv({ SYNCLINE_OPS_PORT: '0', SYNCLINE_COLLECTIONS_FILE: configFile }),
  );
  await worker.waitForOutput('ops endpoints on');
});

afterAll(async () => {
  await worker?.stop('SIGKILL');
  await deadLetters?.stop();
  if (configFile) rmSync(configFile, { force: true });
  await t.close();
});

describe.each(CASES)('sync of $table', (table) => {
  let collection: CollectionDefinition;
  beforeAll(() => {
    collection = registry.byCollectionName(table.collection);
  });

  const refOf = (record: Record<string, unknown>) => ({
    tenant: table.tenant(),
    entity: table.collection,
    id: registry.recordId(collection, record),
  });
  const postgresRow = async (key: unknown[]) =>
    (
      await canonicalRows(
        t.pool,
        registry,
        collection,
        `SELECT * FROM ${table.table} WHERE ${table.where}`,
        key,
      )
    )[0];

  /** Waits until the cache holds the row exactly as Postgres does; resolves to the cached record. */
  async function expectCached(key: unknown[]): Promise<CachedRecord> {
    const row = await postgresRow(key);
    return expectEventually(async () => {
      const record = await t.cache.get(refOf(row));
      expect(record).toMatchObject({ deleted: false });
      expect(record?.deleted === false && record.data).toEqual(row);
      return record as CachedRecord;
    });
  }

  it('caches inserts and updates as Postgres holds them, and leaves a tombstone for a delete', async () => {
    const key = await table.insert(1);
    const inserted = await expectCached(key);
    await t.pool.query(table.update, key);
    const updated = await expectCached(key);
    expect(updated.version).toBeGreaterThan(inserted.version);

    const row = await postgresRow(key);
    await t.pool.query(`DELETE FROM ${table.table} WHERE ${table.where}`, key);
    await expectEventually(async () =>
      expect(await t.cache.get(refOf(row))).toMatchObject({ deleted: true }),
    );
  });

  it('clears the table on TRUNCATE, and caches the rows written after it', async () => {
    const key = await table.insert(2);
    const before = await postgresRow(key);
    await expectCached(key);
    await t.pool.query(`TRUNCATE ${table.table}`);
    const after = await table.insert(5);
    await expectCached(after);
    await expectEventually(async () => expect(await t.cache.get(refOf(before))).toBeUndefined());
  });

  it("gives cached entries the collection's TTL, where it has one", async () => {
    const key = await table.insert(6);
    const record = await expectCached(key);
    const ttl = await t.redis.ttl(t.keys.record(record));
    if (table.collection === 'sensor_reading') {
      expect(ttl).toBeGreaterThan(TTL_SECONDS - 60);
      expect(ttl).toBeLessThanOrEqual(TTL_SECONDS);
    } else {
      expect(ttl).toBe(-1);
    }
  });

  it('dead-letters none of its events', () => {
    const topic = `${prefix}.${collection.schema}.${collection.table}`;
    const letters = deadLetters.messages.filter(
      (m) =>
        m.headers[DEAD_LETTER_HEADERS.sourceTopic] === topic &&
        BigInt(m.headers[DEAD_LETTER_HEADERS.sourceOffset]) >=
          (startOffsets.get(`${topic}/${m.headers[DEAD_LETTER_HEADERS.sourcePartition]}`) ?? 0n),
    );
    expect(letters.map((m) => m.headers[DEAD_LETTER_HEADERS.message])).toEqual([]);
  });
});

describe('the values of every inventory table', () => {
  it("came from Debezium's events: no row was read from Postgres for a column an event lacked", async () => {
    const port = /ops endpoints on :(\d+)/.exec(worker.output)?.[1];
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/syncline_sync_events_total\{op="u",outcome="applied"[^}]*\} [1-9]/);
    expect(metrics).not.toMatch(/syncline_sync_absent_column_reads_total\{[^}]*\} [1-9]/);
  });
});

describe('an array Debezium cannot carry faithfully', () => {
  it('(multi-dimensional, or with NULL elements) is cached as Postgres holds it', async () => {
    const collection = registry.byCollectionName('sensor_reading');
    const { rows } = await t.pool.query<{ reading_id: string }>(
      `INSERT INTO public.sensor_readings (site, samples, tags) VALUES ($1, '{{1,2},{3,4}}', '{a,NULL}') RETURNING reading_id`,
      [site],
    );
    const [row] = await canonicalRows(
      t.pool,
      registry,
      collection,
      'SELECT * FROM public.sensor_readings WHERE reading_id = $1',
      [rows[0].reading_id],
    );
    expect(row).toMatchObject({
      samples: [
        [1, 2],
        [3, 4],
      ],
      tags: ['a', null],
    });
    await expectEventually(async () => {
      const record = await t.cache.get({
        tenant: site,
        entity: 'sensor_reading',
        id: rows[0].reading_id,
      });
      expect(record?.deleted === false && record.data).toEqual(row);
    });
  });
});

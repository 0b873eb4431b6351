import { CachedRecord } from '@syncline/cache';
import { DEAD_LETTER_HEADERS, TOPICS } from '@syncline/events';
import { CollectionRegistry } from '@syncline/records';
import { Kafka, logLevel } from 'kafkajs';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { testClients } from '../support/test-clients';
import { TopicReader } from '../support/topic-reader';
import { canonicalRows } from '../support/canonical-rows';

// Item 4 of issue 12: ALTER TABLE under a running sync-worker. It notices (an event with a column
// it does not know, without one it knows, or with a value its validators refuse), re-reads the
// catalog and carries on: nothing is dead-lettered, the cache follows the new schema.
jest.setTimeout(180_000);

const t = testClients('sync-schema');
const brokers = t.env.SYNCLINE_KAFKA_BROKERS.split(',');
const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
const org = t.tenant('org');
const site = t.tenant('site');
const suffix = org.slice(-8).replace(/[^a-z0-9]/g, '');
const column = `bin_${suffix}`;
const label = `calibrating_${suffix}`;
const TOPICS_OF_FILE = [`${prefix}.inventory.stock_levels`, `${prefix}.public.sensor_readings`];
const startOffsets = new Map<string, bigint>();
let registry: CollectionRegistry;
let worker: AppProcess;
let deadLetters: TopicReader;

const stockRef = (sku: string) => ({ tenant: org, entity: 'stock_level', id: `1,${sku}` });

async function cachedStock(sku: string): Promise<CachedRecord | undefined> {
  return t.cache.get(stockRef(sku));
}

async function insertStock(sku: string): Promise<void> {
  await t.pool.query(
    `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand) VALUES ($1, 1, $2, 1)`,
    [org, sku],
  );
}

/** Waits until the cache holds the stock row as Postgres holds it now (read with today's catalog). */
async function expectStockCached(sku: string): Promise<Record<string, unknown>> {
  const fresh = await CollectionRegistry.load({
    pool: t.pool,
    publication: t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc',
    configFile: t.env.SYNCLINE_COLLECTIONS_FILE,
  });
  const collection = fresh.byCollectionName('stock_level');
  const [row] = await canonicalRows(
    t.pool,
    fresh,
    collection,
    'SELECT * FROM inventory.stock_levels WHERE org = $1 AND warehouse_id = 1 AND sku = $2',
    [org, sku],
  );
  await expectEventually(async () => {
    const record = await cachedStock(sku);
    expect(record?.deleted === false && record.data).toEqual(row);
  });
  return row;
}

beforeAll(async () => {
  registry = await t.collections();
  const admin = new Kafka({ clientId: 'sync-schema', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: TOPICS_OF_FILE.map((topic) => ({ topic })) });
  for (const topic of TOPICS_OF_FILE)
    for (const { partition, high } of await admin.fetchTopicOffsets(topic))
      startOffsets.set(`${topic}/${partition}`, BigInt(high));
  await admin.disconnect();
  // The worker starts with what this file writes, not every earlier file's history.
  await startGroupsAtEnd(brokers, [
    { groupId: t.appEnv().SYNCLINE_SYNC_GROUP_ID, topics: TOPICS_OF_FILE },
  ]);
  deadLetters = await TopicReader.start(brokers, [TOPICS.cdcDeadLetters(prefix)]);
  worker = AppProcess.start('sync-worker', t.appEnv({ SYNCLINE_OPS_PORT: '0' }));
  await worker.waitForOutput('ops endpoints on');
});

afterAll(async () => {
  await worker?.stop('SIGKILL');
  await deadLetters?.stop();
  await t.pool.query(`ALTER TABLE inventory.stock_levels DROP COLUMN IF EXISTS ${column}`);
  await t.pool.query(`DELETE FROM inventory.stock_levels WHERE org = $1`, [org]);
  await t.pool.query(`DELETE FROM public.sensor_readings WHERE site = $1`, [site]);
  await t.close();
});

describe('schema evolution under a running sync-worker', () => {
  it('ADD COLUMN: the new column reaches the cache with the next changes', async () => {
    await insertStock('BEFORE-ADD');
    await expectStockCached('BEFORE-ADD');
    expect(registry.byCollectionName('stock_level').columns).not.toHaveProperty(column);

    await t.pool.query(
      `ALTER TABLE inventory.stock_levels ADD COLUMN ${column} text DEFAULT 'A-1'`,
    );
    await t.pool.query(
      `UPDATE inventory.stock_levels SET ${column} = 'B-2' WHERE org = $1 AND sku = 'BEFORE-ADD'`,
      [org],
    );
    await insertStock('AFTER-ADD');
    expect(await expectStockCached('BEFORE-ADD')).toMatchObject({ [column]: 'B-2' });
    expect(await expectStockCached('AFTER-ADD')).toMatchObject({ [column]: 'A-1' });
  });

  // sensor_readings.levels (an array of a domain) is a column Debezium does not send: the row comes
  // from Postgres, and the refused label is noticed there.
  it('a new enum label: a row that uses it is cached, not dead-lettered', async () => {
    await t.pool.query(`ALTER TYPE public.reading_quality ADD VALUE IF NOT EXISTS '${label}'`);
    const { rows } = await t.pool.query<{ reading_id: string }>(
      `INSERT INTO public.sensor_readings (site, quality, qualities, levels) VALUES ($1, $2, ARRAY[$2, 'good']::public.reading_quality[], '{1.00,99.99}') RETURNING reading_id`,
      [site, label],
    );
    const ref = { tenant: site, entity: 'sensor_reading', id: rows[0].reading_id };
    await expectEventually(async () =>
      expect(await t.cache.get(ref)).toMatchObject({
        deleted: false,
        data: { quality: label, qualities: [label, 'good'], levels: ['1.00', '99.99'] },
      }),
    );
  });

  it('a widened type: a value only the new type holds is cached', async () => {
    await t.pool.query(`ALTER TABLE inventory.stock_levels ALTER COLUMN on_hand TYPE bigint`);
    try {
      await t.pool.query(
        `UPDATE inventory.stock_levels SET on_hand = 5000000000 WHERE org = $1 AND sku = 'AFTER-ADD'`,
        [org],
      );
      expect(await expectStockCached('AFTER-ADD')).toMatchObject({ on_hand: 5000000000 });
    } finally {
      await t.pool.query(`UPDATE inventory.stock_levels SET on_hand = 1 WHERE org = $1`, [org]);
      await t.pool.query(`ALTER TABLE inventory.stock_levels ALTER COLUMN on_hand TYPE integer`);
    }
  });

  it('DROP COLUMN: the column leaves the cached record with its next change', async () => {
    await t.pool.query(`ALTER TABLE inventory.stock_levels DROP COLUMN ${column}`);
    await t.pool.query(
      `UPDATE inventory.stock_levels SET on_hand = 7 WHERE org = $1 AND sku = 'BEFORE-ADD'`,
      [org],
    );
    const row = await expectStockCached('BEFORE-ADD');
    expect(row).not.toHaveProperty(column);
    expect(row).toMatchObject({ on_hand: 7 });
  });

  it('dead-letters none of the events of the tables it altered', async () => {
    // A poison marker behind everything above on every partition: dead-lettered once all is handled.
    const marker = `marker-${suffix}`;
    const kafka = new Kafka({ clientId: 'sync-schema', brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    let markers = 0;
    for (const topic of TOPICS_OF_FILE) {
      const partitions = await admin.fetchTopicOffsets(topic);
      markers += partitions.length;
      await producer.send({
        topic,
        messages: partitions.map(({ partition }) => ({ partition, key: null, value: marker })),
      });
    }
    await producer.disconnect();
    await admin.disconnect();
    await deadLetters.waitFor((m) => m.value === marker, markers);
    const letters = deadLetters.messages.filter((m) => {
      const topic = m.headers[DEAD_LETTER_HEADERS.sourceTopic];
      const start = startOffsets.get(`${topic}/${m.headers[DEAD_LETTER_HEADERS.sourcePartition]}`);
      return (
        start !== undefined &&
        BigInt(m.headers[DEAD_LETTER_HEADERS.sourceOffset]) >= start &&
        m.value !== marker
      );
    });
    expect(letters.map((m) => m.headers[DEAD_LETTER_HEADERS.message])).toEqual([]);

    // It followed the catalog by re-reading it, not by restarting.
    const port = /ops endpoints on :(\d+)/.exec(worker.output)?.[1];
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const changed = /syncline_sync_schema_reloads_total\{outcome="changed"[^}]*\} (\d+)/.exec(
      metrics,
    );
    expect(Number(changed?.[1])).toBeGreaterThanOrEqual(4);
  });
});

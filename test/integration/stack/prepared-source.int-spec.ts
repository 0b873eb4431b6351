import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEBEZIUM_TABLES, SYNCLINE_SCHEMA } from '@syncline/persistence';
import { Kafka, logLevel } from 'kafkajs';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';

// What `scripts/stack up` (db:migrate, the fixtures, the connector) leaves in place: the source
// database prepared for CDC without a table of Syncline's in the publication, and the connector
// running the repository's settings.

const t = testClients('prepared-source');
const publication = t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc';
const connector = JSON.parse(
  readFileSync(join(__dirname, '../../../debezium/postgres-connector.json'), 'utf8'),
) as { name: string; config: Record<string, string> };

afterAll(async () => {
  await t.close();
});

describe('the prepared source database', () => {
  it("publishes the fixtures' tables and Debezium's two, and no control-plane table", async () => {
    const { rows } = await t.pool.query<{ name: string }>(
      `SELECT schemaname || '.' || tablename AS name FROM pg_publication_tables WHERE pubname = $1`,
      [publication],
    );
    const published = rows.map((r) => r.name);
    expect(published).toEqual(
      expect.arrayContaining([
        'public.contacts',
        'public.companies',
        'public.deals',
        'inventory.warehouses',
        'inventory.stock_levels',
        'public.sensor_readings',
        'public.SkuCatalog',
        `${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.signal}`,
        `${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.heartbeat}`,
      ]),
    );
    const ours = published.filter((name) => name.startsWith(`${SYNCLINE_SCHEMA}.`)).sort();
    expect(ours).toEqual(
      [DEBEZIUM_TABLES.heartbeat, DEBEZIUM_TABLES.signal].map((x) => `${SYNCLINE_SCHEMA}.${x}`),
    );
  });

  it('keeps the control plane in the syncline schema, migrations table included', async () => {
    const { rows } = await t.pool.query<{ schema: string; table: string }>(
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
        WHERE table_name IN ('tenants', 'destinations', 'entity_mappings', 'delivery_log',
                             'reconcile_runs', 'syncline_migrations')`,
    );
    expect(new Set(rows.map((r) => r.schema))).toEqual(new Set([SYNCLINE_SCHEMA]));
    expect(rows).toHaveLength(6);
  });

  it('releases WAL while captured tables are idle: the slot follows the heartbeats', async () => {
    const lsn = async () =>
      (
        await t.pool.query<{ behind: string }>(
          `SELECT pg_wal_lsn_diff(confirmed_flush_lsn, $1::pg_lsn)::text AS behind
             FROM pg_replication_slots WHERE slot_name = $2`,
          [start, connector.config['slot.name']],
        )
      ).rows[0]?.behind;
    const start = (await t.pool.query<{ now: string }>('SELECT pg_current_wal_lsn()::text AS now'))
      .rows[0].now;
    await expectEventually(async () => expect(Number(await lsn())).toBeGreaterThan(0), {
      timeoutMs: 3 * Number(connector.config['heartbeat.interval.ms']) + 5_000,
      intervalMs: 500,
    });
  });

  it("moves the heartbeat table forward: the connector's heartbeat query runs with its grants", async () => {
    const beat = async () =>
      (
        await t.pool.query<{ at: Date | null }>(
          `SELECT max(beat_at) AS at FROM ${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.heartbeat}`,
        )
      ).rows[0].at?.getTime();
    const before = await beat();
    await expectEventually(async () => expect(await beat()).toBeGreaterThan(before ?? 0), {
      timeoutMs: 3 * Number(connector.config['heartbeat.interval.ms']) + 5_000,
      intervalMs: 500,
    });
  });
});

describe('the running connector', () => {
  it('runs debezium/postgres-connector.json as it is in the repository', async () => {
    const response = await fetch(
      `${t.env.SYNCLINE_CONNECT_URL}/connectors/${connector.name}/config`,
    );
    const registered = (await response.json()) as Record<string, string>;
    const { name, ...config } = registered;
    expect(name).toBe(connector.name);
    expect(config).toEqual(connector.config);
  });

  it('has its notifications topic, with one partition so that they keep their order', async () => {
    const admin = new Kafka({
      brokers: t.env.SYNCLINE_KAFKA_BROKERS.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const topic = `__debezium-notifications.${t.env.SYNCLINE_TOPIC_PREFIX}`;
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(topics[0].partitions).toHaveLength(1);
    } finally {
      await admin.disconnect();
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricsRegistry } from '@syncline/observability';
import {
  ConnectStatusClient,
  PipelineHealthMetrics,
  ReplicationSlotReader,
  SlotHealthProbe,
  SlotStallDetector,
} from '@syncline/pipeline-health';
import { Pool } from 'pg';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';

// The Debezium slot and connector as the sync-worker samples them, on the real stack: Postgres,
// Kafka Connect and the repository's connector settings.

const t = testClients('slot-health');
const connector = JSON.parse(
  readFileSync(join(__dirname, '../../../debezium/postgres-connector.json'), 'utf8'),
) as { name: string; config: Record<string, string> };
const slot = connector.config['slot.name'];
const reader = new ReplicationSlotReader(t.pool);
const filler = `health_filler_${Date.now()}`;

afterAll(async () => {
  await t.pool.query(`DROP TABLE IF EXISTS public.${filler}`);
  await t.close();
});

const currentLsn = async () =>
  (await t.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;

describe('replication slot health', () => {
  it("reads the connector's slot: active, retained WAL and confirmed-flush lag", async () => {
    const health = await reader.read(slot);
    expect(health).toMatchObject({ slot, active: true });
    expect(health!.retainedWalBytes).toBeGreaterThanOrEqual(health!.confirmedFlushLagBytes);
    expect(await reader.read('no_such_slot')).toBeUndefined();
  });

  it('keeps retained WAL bounded while only a table outside the publication changes (heartbeats)', async () => {
    expect(connector.config['heartbeat.interval.ms']).toBeDefined();
    expect(connector.config['heartbeat.action.query']).toMatch(/syncline\.debezium_heartbeat/);
    await t.pool.query(`CREATE TABLE public.${filler} (id bigint, pad text)`);
    const published = await t.pool.query(
      `SELECT 1 FROM pg_publication_tables WHERE pubname = $1 AND tablename = $2`,
      [t.env.SYNCLINE_PUBLICATION ?? 'syncline_cdc', filler],
    );
    expect(published.rowCount).toBe(0);

    const before = await currentLsn();
    // ~40 MB of WAL that Debezium never sees: without heartbeats the slot would hold all of it.
    for (let round = 0; round < 4; round++) {
      await t.pool.query(
        `INSERT INTO public.${filler} SELECT g, repeat(md5(g::text), 30) FROM generate_series(1, 10000) g`,
      );
    }
    const after = await currentLsn();
    const written = Number(
      (
        await t.pool.query<{ bytes: string }>(
          'SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS bytes',
          [after, before],
        )
      ).rows[0].bytes,
    );
    expect(written).toBeGreaterThan(30 * 1024 * 1024);

    // The signals: Debezium confirmed a position past our writes (a heartbeat went through), and
    // Postgres moved the slot's restart point past them on the feedback after that.
    await expectEventually(
      async () => {
        const { rows } = await t.pool.query<{ confirmed: boolean; released: boolean }>(
          `SELECT confirmed_flush_lsn >= $1::pg_lsn AS confirmed, restart_lsn >= $1::pg_lsn AS released
             FROM pg_replication_slots WHERE slot_name = $2`,
          [after, slot],
        );
        expect(rows[0]).toEqual({ confirmed: true, released: true });
      },
      {
        timeoutMs: 6 * Number(connector.config['heartbeat.interval.ms']) + 10_000,
        intervalMs: 500,
      },
    );
    const health = await reader.read(slot);
    expect(health!.confirmedFlushLagBytes).toBeLessThan(written / 4);
    expect(health!.retainedWalBytes).toBeLessThan(written / 4);
  });

  it('exports the slot gauges and turns unready for an inactive slot, ready for the active one', async () => {
    const idle = `syncline_health_test_${Date.now()}`;
    // Creating a slot takes the replication role; reading it does not (the app's own role reads).
    const cdc = new Pool({
      host: t.env.SYNCLINE_PG_HOST,
      port: Number(t.env.SYNCLINE_PG_PORT),
      database: t.env.SYNCLINE_PG_DATABASE,
      user: t.env.SYNCLINE_CDC_ROLE,
      password: t.env.SYNCLINE_CDC_PASSWORD,
    });
    await cdc.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [idle]);
    try {
      const metrics = new PipelineHealthMetrics(new MetricsRegistry('test'));
      const probe = new SlotHealthProbe(idle, reader, new SlotStallDetector(1024, 60_000), metrics);
      await probe.sample();
      expect(probe.problem()).toBe(`replication slot ${idle} is inactive`);
      const active = (await metrics.slotActive.get()).values.find((v) => v.labels.slot === idle);
      expect(active?.value).toBe(0);
      const retained = (await metrics.slotRetainedWalBytes.get()).values;
      expect(retained.find((v) => v.labels.slot === idle)?.value).toBeGreaterThanOrEqual(0);

      const live = new SlotHealthProbe(
        slot,
        reader,
        new SlotStallDetector(1024 ** 3, 60_000),
        metrics,
      );
      await live.sample();
      expect(live.problem()).toBeUndefined();
    } finally {
      await cdc.query(`SELECT pg_drop_replication_slot($1)`, [idle]);
      await cdc.end();
    }
  });
});

describe('connector status', () => {
  const client = new ConnectStatusClient(t.env.SYNCLINE_CONNECT_URL);

  it('reads the running connector and its task', async () => {
    const status = await client.status(connector.name);
    expect(status).toMatchObject({ connector: connector.name, state: 'RUNNING' });
    expect(status.tasks).toEqual([expect.objectContaining({ id: 0, state: 'RUNNING' })]);
  });

  it('says MISSING for a connector Kafka Connect does not know, and throws when Connect is unreachable', async () => {
    expect(await client.status('no-such-connector')).toEqual({
      connector: 'no-such-connector',
      state: 'MISSING',
      tasks: [],
    });
    await expect(
      new ConnectStatusClient('http://127.0.0.1:1', 2000).status(connector.name),
    ).rejects.toThrow();
  });
});

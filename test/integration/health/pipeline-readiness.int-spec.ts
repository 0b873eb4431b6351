import { Pool } from 'pg';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { scrapeMetric } from '../support/scrape-metric';
import { testClients } from '../support/test-clients';

// A running sync-worker watching a slot nobody streams from, with Kafka Connect unreachable: it
// turns unready naming the slot, counts every failed connector sample and logs the outage once.

jest.setTimeout(240_000);

const t = testClients('pipeline-readiness');
const idleSlot = `syncline_idle_${Date.now()}`;
// Creating a slot takes the replication role.
const cdc = new Pool({
  host: t.env.SYNCLINE_PG_HOST,
  port: Number(t.env.SYNCLINE_PG_PORT),
  database: t.env.SYNCLINE_PG_DATABASE,
  user: t.env.SYNCLINE_CDC_ROLE,
  password: t.env.SYNCLINE_CDC_PASSWORD,
});
let worker: AppProcess;
let ops = '';

beforeAll(async () => {
  await cdc.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [idleSlot]);
  worker = AppProcess.start(
    'sync-worker',
    t.appEnv({
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_HEALTH_INTERVAL_MS: '300',
      SYNCLINE_CDC_SLOT: idleSlot,
      SYNCLINE_CONNECT_URL: 'http://127.0.0.1:1',
    }),
  );
  await worker.waitForOutput('ops endpoints on', 180_000);
  ops = `http://127.0.0.1:${/ops endpoints on :(\d+)/.exec(worker.output)?.[1]}`;
}, 200_000);

afterAll(async () => {
  await worker?.stop('SIGTERM');
  await cdc.query(`SELECT pg_drop_replication_slot($1)`, [idleSlot]);
  await cdc.end();
  await t.close();
});

describe('sync-worker readiness', () => {
  it('is unready while its slot is inactive, and says so', async () => {
    await expectEventually(async () => {
      const response = await fetch(`${ops}/health/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'unavailable',
        checks: { pipeline: `replication slot ${idleSlot} is inactive` },
      });
    });
    const [active] = (
      await scrapeMetric(`${ops}/metrics`, 'syncline_replication_slot_active')
    ).filter((s) => s.labels.slot === idleSlot);
    expect(active.value).toBe(0);
  });

  it('counts every failed connector sample but logs the outage once', async () => {
    await expectEventually(async () => {
      const [errors] = (
        await scrapeMetric(`${ops}/metrics`, 'syncline_health_probe_errors_total')
      ).filter((s) => s.labels.probe === 'connector');
      expect(errors?.value).toBeGreaterThanOrEqual(3);
    });
    expect(worker.output.match(/health probe connector failed/g)).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import { getConfig } from '@syncline/config';
import {
  CredentialCipher,
  DestinationRepository,
  MappingRepository,
} from '@syncline/control-plane';
import {
  encodeRecordChangedNotice,
  RecordChangedNotice,
  recordChangedKey,
  TOPICS,
} from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { buildDataSourceOptions } from '@syncline/persistence';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { DataSource } from 'typeorm';
import { RunningHubSpotSim } from '../../../apps/crm-sim/src';
import { PrometheusTargets } from '../../../scripts/support/prometheus-targets';
import {
  createHubSpotDestination,
  hubspotRecord,
  startInventoryHubSpot,
  STOCK,
  STOCK_MAPPING,
} from '../collections/delivery-inventory-fixture';
import { AlertReceiver } from '../support/alert-receiver';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { testClients } from '../support/test-clients';

// A CRM down long enough fires an alert end to end, with real parts only: the delivery-worker's
// circuit opens, the stack's Prometheus (scraping it through file_sd, loading
// deploy/monitoring/syncline.rules.yaml with `for:` shortened) fires SynclineDestinationCircuitOpen,
// and the stack's Alertmanager delivers it to a webhook receiver this test runs; when the CRM is
// back, the resolved notification follows. The test plays the sync-worker's part (cache write, then
// a record-changed notice), as the inventory delivery specs do.
jest.setTimeout(300_000);

const t = testClients('alert-delivery');
const org = t.tenant('alerts');
const warehouse = 2_000_000 + Math.floor(Math.random() * 1_000_000);
const ALERT = 'SynclineDestinationCircuitOpen';
let hubspot: RunningHubSpotSim;
let receiver: AlertReceiver;
let dataSource: DataSource;
let collections: CollectionRegistry;
let stockLevels: CollectionDefinition;
let producer: DurableKafkaProducer;
let worker: AppProcess;
let destination: string;
let scrapeTarget: string;
let targets: PrometheusTargets | undefined;
const targetName = `alert-delivery-${randomUUID()}`;

/** The stack's monitoring settings; a clear error when it runs without prometheus,alertmanager. */
function monitoringEnv(): { prometheus: string; targetsDir: string; webhook: string } {
  const { SYNCLINE_PROMETHEUS_URL, SYNCLINE_PROMETHEUS_TARGETS_DIR, SYNCLINE_ALERT_WEBHOOK_URL } =
    t.env;
  if (!SYNCLINE_PROMETHEUS_URL || !SYNCLINE_PROMETHEUS_TARGETS_DIR || !SYNCLINE_ALERT_WEBHOOK_URL) {
    throw new Error(
      'this test needs the stack started with SYNCLINE_STACK_SERVICES=...,prometheus,alertmanager ' +
        '(SYNCLINE_PROMETHEUS_URL, SYNCLINE_PROMETHEUS_TARGETS_DIR, SYNCLINE_ALERT_WEBHOOK_URL in its env)',
    );
  }
  return {
    prometheus: SYNCLINE_PROMETHEUS_URL,
    targetsDir: SYNCLINE_PROMETHEUS_TARGETS_DIR,
    webhook: SYNCLINE_ALERT_WEBHOOK_URL,
  };
}

/** The value of an instant PromQL query's first sample, or undefined when it has none. */
async function query(expr: string): Promise<number | undefined> {
  const url = `${monitoringEnv().prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`;
  const body = (await (await fetch(url)).json()) as {
    status: string;
    data: { result: { value: [number, string] }[] };
  };
  expect(body.status).toBe('success');
  const [sample] = body.data.result;
  return sample ? Number(sample.value[1]) : undefined;
}

/** A stock level in Postgres, then what the sync-worker does for it: the cache, then the notice. */
async function syncStock(sku: string, onHand: number): Promise<string> {
  const { rows } = await t.pool.query<Record<string, unknown>>(
    `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, fill)
     VALUES ($1, $2, $3, $4, 1.5)
     ON CONFLICT (org, warehouse_id, sku) DO UPDATE SET on_hand = EXCLUDED.on_hand
     RETURNING *`,
    [org, warehouse, sku, onHand],
  );
  const data = collections.canonicalize(stockLevels, rows[0]);
  const id = collections.recordId(stockLevels, data);
  const version = Number(rows[0].rev);
  const ref = { tenant: org, entity: stockLevels.name, id };
  await t.cache.apply({ ...ref, kind: 'upsert', version, data });
  const notice: RecordChangedNotice = { ...ref, version, op: 'upsert', observedAt: Date.now() };
  await producer.send(TOPICS.recordChanged(t.env.SYNCLINE_TOPIC_PREFIX), [
    { key: recordChangedKey(notice), value: encodeRecordChangedNotice(notice) },
  ]);
  return id;
}

const delivered = (id: string) => hubspotRecord(hubspot, STOCK, 'syncline_key', id);

beforeAll(async () => {
  const monitoring = monitoringEnv();
  receiver = await AlertReceiver.start(monitoring.webhook);
  hubspot = await startInventoryHubSpot();
  collections = await t.collections();
  stockLevels = collections.collections.find(
    (c) => c.schema === 'inventory' && c.table === 'stock_levels',
  ) as CollectionDefinition;
  dataSource = await new DataSource(buildDataSourceOptions()).initialize();
  const destinations = new DestinationRepository(
    dataSource,
    new CredentialCipher(getConfig().delivery.credentialsKey),
  );
  destination = await createHubSpotDestination(destinations, hubspot, org);
  await new MappingRepository(dataSource, collections).put(
    org,
    stockLevels.name,
    destination,
    STOCK_MAPPING,
  );

  producer = new DurableKafkaProducer(t.env.SYNCLINE_KAFKA_BROKERS.split(','), 'test-alerts');
  await producer.connect();
  const router = `router-alerts-${randomUUID()}`;
  await startGroupsAtEnd(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [
    { groupId: router, topics: [TOPICS.recordChanged(t.env.SYNCLINE_TOPIC_PREFIX)] },
  ]);
  worker = AppProcess.start(
    'delivery-worker',
    t.appEnv({
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_DELIVERY_GROUP_ID: `delivery-alerts-${randomUUID()}`,
      SYNCLINE_DELIVERY_ROUTER_GROUP_ID: router,
      SYNCLINE_CONTROL_REFRESH_MS: '500',
    }),
  );
  await worker.waitForOutput('ops endpoints on', 180_000);
  scrapeTarget = `127.0.0.1:${/ops endpoints on :(\d+)/.exec(worker.output)?.[1]}`;
  await expectEventually(
    async () => expect((await fetch(`http://${scrapeTarget}/health/ready`)).status).toBe(200),
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  // What the demo (or an operator) does for an app on a port of its own: a file_sd target file.
  targets = new PrometheusTargets(monitoring.targetsDir);
  targets.add(targetName, Number(scrapeTarget.split(':')[1]), 'delivery-worker');
}, 420_000);

afterAll(async () => {
  targets?.remove(targetName);
  await worker?.stop();
  await producer?.disconnect();
  await receiver?.close();
  await t.pool.query('DELETE FROM inventory.stock_levels WHERE org = $1', [org]);
  if (destination) {
    await t.pool.query('DELETE FROM entity_mappings WHERE destination_id = $1', [destination]);
    await t.pool.query('DELETE FROM destinations WHERE tenant_id = $1 AND id = $2', [
      org,
      destination,
    ]);
  }
  await dataSource?.destroy();
  await hubspot?.close();
  await t.close();
});

describe('alert delivery through the real Prometheus and Alertmanager', () => {
  it('fires the circuit-open alert for a CRM that stays down, delivers it to the webhook, and resolves it when the CRM is back', async () => {
    // Prometheus scrapes the worker (found through the targets file).
    await expectEventually(
      async () => expect(await query(`up{instance="${scrapeTarget}"}`)).toBe(1),
      {
        timeoutMs: 60_000,
        intervalMs: 500,
      },
    );
    const before = await syncStock(`A-${randomUUID().slice(0, 8).toUpperCase()}`, 5);
    await expectEventually(() => expect(delivered(before)).toBeDefined(), { timeoutMs: 60_000 });
    await expectEventually(
      async () =>
        expect(
          await query(
            `syncline_delivery_circuit_state{destination="${destination}", instance="${scrapeTarget}"}`,
          ),
        ).toBe(0),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(receiver.alerts('firing', { alertname: ALERT, destination })).toEqual([]);

    // The CRM goes down: every call fails until the test ends the outage.
    hubspot.state.setFaults({ outageMs: 10 * 60_000 });
    const during = await syncStock(`B-${randomUUID().slice(0, 8).toUpperCase()}`, 7);
    const [firing] = await expectEventually(
      () => {
        const alerts = receiver.alerts('firing', { alertname: ALERT, destination });
        expect(alerts.length).toBeGreaterThan(0);
        return alerts;
      },
      { timeoutMs: 180_000, intervalMs: 250 },
    );
    expect(firing.labels).toMatchObject({ alertname: ALERT, destination, severity: 'warning' });
    expect(firing.annotations.summary).toContain(destination);
    expect(firing.annotations.runbook).toBe('docs/operations.md#destination-circuit-open');
    expect(receiver.notifications[0]).toMatchObject({ version: '4', receiver: 'local-webhook' });
    expect(delivered(during)).toBeUndefined();

    // Back up: the held record goes through, the circuit closes, the alert resolves.
    hubspot.state.setFaults({ outageMs: 0 });
    await expectEventually(() => expect(delivered(during)).toBeDefined(), { timeoutMs: 120_000 });
    const [resolved] = await expectEventually(
      () => {
        const alerts = receiver.alerts('resolved', { alertname: ALERT, destination });
        expect(alerts.length).toBeGreaterThan(0);
        return alerts;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    expect(resolved.startsAt).toBe(firing.startsAt);
  });
});

import { randomUUID } from 'node:crypto';
import { getConfig } from '@syncline/config';
import {
  CredentialCipher,
  DestinationRepository,
  MappingRepository,
} from '@syncline/control-plane';
import { TOPICS } from '@syncline/events';
import { buildDataSourceOptions } from '@syncline/persistence';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { DataSource } from 'typeorm';
import { RunningHubSpotSim } from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { expectEventually } from '../support/expect-eventually';
import { startGroupsAtEnd } from '../support/start-groups-at-end';
import { testClients } from '../support/test-clients';
import {
  createHubSpotDestination,
  hubspotRecord,
  SKU_MAPPING,
  SKUS,
  startInventoryHubSpot,
  STOCK,
  STOCK_MAPPING,
} from './delivery-inventory-fixture';

// End to end on the inventory schema: SQL on inventory.stock_levels (composite key, tenant column
// `org`, version column `rev`) and public."SkuCatalog" (text key, single-tenant, WAL-position
// versions) -> Debezium -> sync-worker -> cache -> delivery-worker -> HubSpot custom objects,
// creating, updating and archiving by the mappings' rules.
jest.setTimeout(420_000);

const t = testClients('delivery-inventory-cdc');
const org = t.tenant('org');
const SINGLE_TENANT = 'default';
let hubspot: RunningHubSpotSim;
let dataSource: DataSource;
let collections: CollectionRegistry;
const apps: AppProcess[] = [];
const destinations: { tenant: string; id: string }[] = [];
const warehouse = 2_000_000 + Math.floor(Math.random() * 1_000_000);
const skuPrefix = `C${randomUUID().slice(0, 6).toUpperCase()}`;

const live = (object: string, property: string, value: string) =>
  hubspotRecord(hubspot, object, property, value);

function collectionOf(schema: string, table: string): CollectionDefinition {
  const found = collections.findByTable(schema, table);
  if (!found) throw new Error(`${schema}.${table} is not a collection of the stack`);
  return found;
}

async function destinationFor(repository: DestinationRepository, tenant: string): Promise<string> {
  const id = await createHubSpotDestination(repository, hubspot, tenant);
  destinations.push({ tenant, id });
  return id;
}

beforeAll(async () => {
  hubspot = await startInventoryHubSpot();
  collections = await t.collections();
  dataSource = await new DataSource(buildDataSourceOptions()).initialize();
  const repository = new DestinationRepository(
    dataSource,
    new CredentialCipher(getConfig().delivery.credentialsKey),
  );
  const mappings = new MappingRepository(dataSource, collections);
  await mappings.put(
    org,
    collectionOf('inventory', 'stock_levels').name,
    await destinationFor(repository, org),
    STOCK_MAPPING,
  );
  await mappings.put(
    SINGLE_TENANT,
    collectionOf('public', 'SkuCatalog').name,
    await destinationFor(repository, SINGLE_TENANT),
    SKU_MAPPING,
  );

  const groups = { sync: `sync-inventory-${randomUUID()}`, router: `router-${randomUUID()}` };
  const prefix = t.env.SYNCLINE_TOPIC_PREFIX;
  await startGroupsAtEnd(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [
    { groupId: groups.sync, topics: [TOPICS.cdcPattern(prefix)] },
    { groupId: groups.router, topics: [TOPICS.recordChanged(prefix)] },
  ]);
  const env = t.appEnv({
    SYNCLINE_SYNC_GROUP_ID: groups.sync,
    SYNCLINE_OPS_PORT: '0',
    SYNCLINE_DELIVERY_GROUP_ID: `delivery-${randomUUID()}`,
    SYNCLINE_DELIVERY_ROUTER_GROUP_ID: groups.router,
    SYNCLINE_CONTROL_REFRESH_MS: '500',
  });
  apps.push(AppProcess.start('sync-worker', env), AppProcess.start('delivery-worker', env));
  for (const app of apps) await app.waitForOutput('ops endpoints on', 180_000);
  for (const app of apps) {
    const ops = /ops endpoints on :(\d+)/.exec(app.output)?.[1];
    await expectEventually(
      async () => expect((await fetch(`http://127.0.0.1:${ops}/health/ready`)).status).toBe(200),
      { timeoutMs: 120_000, intervalMs: 500 },
    );
  }
}, 420_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await t.pool.query('DELETE FROM inventory.stock_levels WHERE org = $1', [org]);
  await t.pool.query(`DELETE FROM public."SkuCatalog" WHERE "Sku" LIKE $1`, [`${skuPrefix}%`]);
  for (const { tenant, id } of destinations) {
    await t.pool.query('DELETE FROM entity_mappings WHERE destination_id = $1', [id]);
    await t.pool.query('DELETE FROM destinations WHERE tenant_id = $1 AND id = $2', [tenant, id]);
  }
  await dataSource?.destroy();
  await hubspot?.close();
  await t.close();
});

it('delivers stock levels from SQL to a HubSpot custom object by the rules', async () => {
  const sku = `${skuPrefix}-S`;
  const id = `${warehouse},${sku}`;
  const where = 'org = $1 AND warehouse_id = $2 AND sku = $3';
  await t.pool.query(
    'INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand) VALUES ($1, $2, $3, 4)',
    [org, warehouse, sku],
  );
  await expectEventually(
    () => expect(live(STOCK, 'syncline_key', id)?.properties.on_hand).toBe('4'),
    {
      timeoutMs: 120_000,
    },
  );
  await t.pool.query(`UPDATE inventory.stock_levels SET on_hand = 11 WHERE ${where}`, [
    org,
    warehouse,
    sku,
  ]);
  await expectEventually(() =>
    expect(live(STOCK, 'syncline_key', id)?.properties.on_hand).toBe('11'),
  );
  // Out of stock: no longer matches, archived in the CRM; deleted afterwards, it stays archived.
  await t.pool.query(`UPDATE inventory.stock_levels SET on_hand = 0 WHERE ${where}`, [
    org,
    warehouse,
    sku,
  ]);
  await expectEventually(() => expect(live(STOCK, 'syncline_key', id)).toBeUndefined());
  await t.pool.query(`DELETE FROM inventory.stock_levels WHERE ${where}`, [org, warehouse, sku]);
});

it('delivers a single-tenant, WAL-versioned catalog from SQL, then archives its delete', async () => {
  const sku = `${skuPrefix}-W`;
  await t.pool.query(
    `INSERT INTO public."SkuCatalog" ("Sku", "DisplayName", "UnitPrice") VALUES ($1, 'Washer', 0.10)`,
    [sku],
  );
  await expectEventually(
    () => expect(live(SKUS, 'sku', sku)?.properties.display_name).toBe('Washer'),
    {
      timeoutMs: 120_000,
    },
  );
  await t.pool.query(`UPDATE public."SkuCatalog" SET "UnitPrice" = 0.12 WHERE "Sku" = $1`, [sku]);
  await expectEventually(() => expect(live(SKUS, 'sku', sku)?.properties.unit_price).toBe('0.12'));
  await t.pool.query(`DELETE FROM public."SkuCatalog" WHERE "Sku" = $1`, [sku]);
  await expectEventually(() => expect(live(SKUS, 'sku', sku)).toBeUndefined());
  expect(hubspot.state.records(SKUS).find((r) => r.properties.sku === sku)?.archived).toBe(true);
});

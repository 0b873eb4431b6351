import { randomUUID } from 'node:crypto';
import { getConfig } from '@syncline/config';
import {
  CredentialCipher,
  DestinationRepository,
  MappingRepository,
} from '@syncline/control-plane';
import {
  RecordChangedNotice,
  TOPICS,
  encodeRecordChangedNotice,
  recordChangedKey,
} from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { InvalidMappingException } from '@syncline/mapping';
import { buildDataSourceOptions } from '@syncline/persistence';
import {
  CollectionDefinition,
  CollectionRegistry,
  UnknownCollectionException,
} from '@syncline/records';
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

// The inventory schema delivered to a HubSpot custom object by the real delivery-worker:
// inventory.stock_levels (composite key within tenant column `org`, version column `rev`) under
// its record id, and public."SkuCatalog" (text key, single-tenant, WAL-position versions) read
// from Postgres when the cache lacks it. The test plays the sync-worker's part (cache write, then
// a record-changed notice), so what is proven here is the delivery side on any collection.
jest.setTimeout(300_000);

const t = testClients('delivery-inventory');
const org = t.tenant('org');
const SINGLE_TENANT = 'default';
let hubspot: RunningHubSpotSim;
let dataSource: DataSource;
let collections: CollectionRegistry;
let stockLevels: CollectionDefinition;
let skuCatalog: CollectionDefinition;
let mappings: MappingRepository;
let producer: DurableKafkaProducer;
let worker: AppProcess;
const destinations: { tenant: string; id: string }[] = [];
const warehouse = 1_000_000 + Math.floor(Math.random() * 1_000_000);
const skuPrefix = `T${randomUUID().slice(0, 6).toUpperCase()}`;

const live = (object: string, property: string, value: string) =>
  hubspotRecord(hubspot, object, property, value);
const archived = (object: string, property: string, value: string) =>
  hubspotRecord(hubspot, object, property, value, true);

/** What the sync-worker does for a change: the cache at the row's version, then the notice. */
async function synced(
  collection: CollectionDefinition,
  tenant: string,
  row: Record<string, unknown> | undefined,
  id: string,
  version: number,
  options: { cache?: boolean } = {},
): Promise<void> {
  const ref = { tenant, entity: collection.name, id };
  if (options.cache !== false) {
    await t.cache.apply(
      row
        ? { ...ref, kind: 'upsert', version, data: collections.canonicalize(collection, row) }
        : { ...ref, kind: 'delete', version },
    );
  }
  const notice: RecordChangedNotice = {
    ...ref,
    version,
    op: row ? 'upsert' : 'delete',
    observedAt: Date.now(),
  };
  await producer.send(TOPICS.recordChanged(t.env.SYNCLINE_TOPIC_PREFIX), [
    { key: recordChangedKey(notice), value: encodeRecordChangedNotice(notice) },
  ]);
}

async function writeStock(sku: string, onHand: number): Promise<Record<string, unknown>> {
  const { rows } = await t.pool.query<Record<string, unknown>>(
    `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, fill)
     VALUES ($1, $2, $3, $4, 12.5)
     ON CONFLICT (org, warehouse_id, sku) DO UPDATE SET on_hand = EXCLUDED.on_hand
     RETURNING *`,
    [org, warehouse, sku, onHand],
  );
  return rows[0];
}

async function createDestination(
  repository: DestinationRepository,
  tenant: string,
): Promise<string> {
  const id = await createHubSpotDestination(repository, hubspot, tenant);
  destinations.push({ tenant, id });
  return id;
}

beforeAll(async () => {
  hubspot = await startInventoryHubSpot();
  collections = await t.collections();
  stockLevels = collections.collections.find(
    (c) => c.schema === 'inventory' && c.table === 'stock_levels',
  ) as CollectionDefinition;
  skuCatalog = collections.collections.find(
    (c) => c.schema === 'public' && c.table === 'SkuCatalog',
  ) as CollectionDefinition;
  dataSource = await new DataSource(buildDataSourceOptions()).initialize();
  const destinationRepository = new DestinationRepository(
    dataSource,
    new CredentialCipher(getConfig().delivery.credentialsKey),
  );
  mappings = new MappingRepository(dataSource, collections);
  const stockDestination = await createDestination(destinationRepository, org);
  const skuDestination = await createDestination(destinationRepository, SINGLE_TENANT);
  await mappings.put(org, stockLevels.name, stockDestination, STOCK_MAPPING);
  await mappings.put(SINGLE_TENANT, skuCatalog.name, skuDestination, SKU_MAPPING);

  producer = new DurableKafkaProducer(t.env.SYNCLINE_KAFKA_BROKERS.split(','), 'test-notices');
  await producer.connect();
  const router = `router-inventory-${randomUUID()}`;
  await startGroupsAtEnd(t.env.SYNCLINE_KAFKA_BROKERS.split(','), [
    { groupId: router, topics: [TOPICS.recordChanged(t.env.SYNCLINE_TOPIC_PREFIX)] },
  ]);
  worker = AppProcess.start(
    'delivery-worker',
    t.appEnv({
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_DELIVERY_GROUP_ID: `delivery-inventory-${randomUUID()}`,
      SYNCLINE_DELIVERY_ROUTER_GROUP_ID: router,
      SYNCLINE_CONTROL_REFRESH_MS: '500',
    }),
  );
  await worker.waitForOutput('ops endpoints on', 180_000);
  const ops = /ops endpoints on :(\d+)/.exec(worker.output)?.[1];
  await expectEventually(
    async () => expect((await fetch(`http://127.0.0.1:${ops}/health/ready`)).status).toBe(200),
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}, 420_000);

afterAll(async () => {
  await worker?.stop();
  await producer?.disconnect();
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

describe('mappings name collections', () => {
  it('refuses a collection the source does not have, naming it', async () => {
    const [{ tenant, id }] = destinations;
    await expect(mappings.put(tenant, 'no_such_collection', id, STOCK_MAPPING)).rejects.toThrow(
      UnknownCollectionException,
    );
    await expect(mappings.put(tenant, 'no_such_collection', id, STOCK_MAPPING)).rejects.toThrow(
      /no_such_collection/,
    );
  });

  it('checks sources against the collection, and single-tenant collections against their tenant', async () => {
    const [stock, sku] = destinations;
    const wrongColumn = { ...STOCK_MAPPING, fields: [{ source: 'quantity', target: 'on_hand' }] };
    await expect(
      mappings.put(stock.tenant, stockLevels.name, stock.id, wrongColumn),
    ).rejects.toThrow(InvalidMappingException);
    await expect(
      mappings.put(stock.tenant, skuCatalog.name, stock.id, SKU_MAPPING),
    ).rejects.toThrow(/single-tenant/);
    expect((await mappings.list(sku.tenant)).map((m) => m.entity)).toContain(skuCatalog.name);
  });
});

describe('a composite-key collection reaches a HubSpot custom object', () => {
  it('creates, updates, archives by the rules and archives on delete, under the record id', async () => {
    const sku = `${skuPrefix}-A`;
    const row = await writeStock(sku, 5);
    const id = collections.recordId(stockLevels, collections.canonicalize(stockLevels, row));
    expect(id).toBe(`${warehouse},${sku}`);
    await synced(stockLevels, org, row, id, Number(row.rev));
    await expectEventually(() =>
      expect(live(STOCK, 'syncline_key', id)?.properties).toMatchObject({
        sku,
        warehouse_id: String(warehouse),
        on_hand: '5',
        fill: '12.5',
      }),
    );

    const updated = await writeStock(sku, 9);
    expect(Number(updated.rev)).toBeGreaterThan(Number(row.rev));
    await synced(stockLevels, org, updated, id, Number(updated.rev));
    await expectEventually(() =>
      expect(live(STOCK, 'syncline_key', id)?.properties.on_hand).toBe('9'),
    );

    // Out of stock: no longer matches the rules, so the CRM record is archived.
    const empty = await writeStock(sku, 0);
    await synced(stockLevels, org, empty, id, Number(empty.rev));
    await expectEventually(() => expect(archived(STOCK, 'syncline_key', id)).toBeDefined());
    expect(live(STOCK, 'syncline_key', id)).toBeUndefined();

    // Back in stock, then deleted: a tombstone has no data, the record id is the identity.
    const back = await writeStock(sku, 3);
    await synced(stockLevels, org, back, id, Number(back.rev));
    await expectEventually(() => expect(live(STOCK, 'syncline_key', id)).toBeDefined());
    await t.pool.query(
      'DELETE FROM inventory.stock_levels WHERE org = $1 AND warehouse_id = $2 AND sku = $3',
      [org, warehouse, sku],
    );
    await synced(stockLevels, org, undefined, id, Number(back.rev) + 1);
    await expectEventually(() => expect(live(STOCK, 'syncline_key', id)).toBeUndefined());
  });
});

describe('a text-key, single-tenant collection with WAL-position versions', () => {
  it('is read from Postgres by its record id when the cache lacks it, and delivered', async () => {
    const sku = `${skuPrefix}-B`;
    const { rows } = await t.pool.query<{ lsn: string }>(
      `WITH ins AS (
         INSERT INTO public."SkuCatalog" ("Sku", "DisplayName", "UnitPrice") VALUES ($1, 'Bolt M4', 0.25)
       ) SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS lsn`,
      [sku],
    );
    // No cache entry: the delivery-worker reads the committed row (no lock) and logs the
    // delivery at the notice's WAL position.
    const position = Number(rows[0].lsn);
    await synced(skuCatalog, SINGLE_TENANT, {}, sku, position, { cache: false });
    await expectEventually(() =>
      expect(live(SKUS, 'sku', sku)?.properties).toMatchObject({
        display_name: 'Bolt M4',
        unit_price: '0.25',
      }),
    );
    await expectEventually(async () => {
      const entries = await dataSource.query(
        `SELECT delivered_version::float8 AS v FROM delivery_log WHERE entity = $1 AND record_id = $2`,
        [skuCatalog.name, sku],
      );
      expect(entries).toEqual([{ v: position }]);
    });
  });
});

import { SharedRateLimiter } from '@syncline/cache';
import { CrmConnector, DestinationConnection, RemoteRecord } from '@syncline/connectors';
import {
  DeliveryLogRepository,
  RemoteRecordRepository,
  Destination,
  DestinationRepository,
  MappingRepository,
} from '@syncline/control-plane';
import { decodeRecordChangedNotice } from '@syncline/events';
import { DurableKafkaProducer } from '@syncline/kafka';
import { EntityMapping, mapRecord } from '@syncline/mapping';
import { CollectionRegistry } from '@syncline/records';
import {
  ReachabilityProbe,
  ReconcileCommand,
  ReconcileCrmUseCase,
  SourceManifestReader,
  SourceRow,
} from '@syncline/reconcile';
import { randomUUID } from 'node:crypto';
import { testClients } from '../support/test-clients';
import { removeKeys } from '../support/test-redis';

// `reconcile crm` on a collection that is nothing like the demo's: SkuCatalog (a quoted
// mixed-case text key, single-tenant, WAL-position versions). The CRM is a fake connector held
// in memory; the rest (Postgres, the cache, the shared rate limiter) is the stack's.
const t = testClients('recon-crm-col');
const suffix = randomUUID().slice(0, 8).toUpperCase();
let registry: CollectionRegistry;

const destination: Destination = {
  id: randomUUID(),
  tenant: 'default',
  name: 'fake-crm',
  kind: 'rest',
  baseUrl: 'http://fake.invalid',
  options: {},
  rateLimit: { requestsPerInterval: 1000, intervalMs: 1000 },
  mirror: true,
  paused: false,
  version: 1,
};
const mapping = {
  id: randomUUID(),
  tenant: 'default',
  entity: 'SkuCatalog',
  destinationId: destination.id,
  object: 'products',
  identity: { source: 'Sku', target: 'sku' },
  fields: [
    { source: 'DisplayName', target: 'name' },
    { source: 'UnitPrice', target: 'price', transform: 'number' },
  ],
  rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
  version: 1,
} as EntityMapping;

/** The fake CRM: records by lowercased identity. */
const crm = new Map<string, RemoteRecord>();
const connector = {
  kind: 'fake',
  maxBatchSize: 100,
  upsert: () => Promise.resolve([]),
  describe: () => Promise.resolve([]),
  archive: (_object: string, _property: string, identities: string[]) =>
    Promise.resolve(
      identities.map((identity) => {
        crm.delete(identity.toLowerCase());
        return { identity, ok: true as const };
      }),
    ),
  readByIdentity: (_object: string, _property: string, identities: string[]) =>
    Promise.resolve(identities.flatMap((identity) => crm.get(identity.toLowerCase()) ?? [])),
  listAll: async function* () {
    yield [...crm.values()];
  },
} as unknown as CrmConnector;

beforeAll(async () => {
  registry = await t.collections();
});

afterAll(async () => {
  await removeKeys(t.redis, `${t.keys.namespace}:*`);
  await t.close();
});

describe('reconcile crm on a WAL-position collection with a text key', () => {
  it('finds missing, stale and orphan CRM records by record id, and leaves rows the cache has not caught up with', async () => {
    const skus = registry.byCollectionName('SkuCatalog');
    const source = new SourceManifestReader(t.pool, registry);
    const ids = ['a,b%', 'ünï', 'plain', 'late'].map((name) => `CRM-${suffix}-${name}`);
    for (const [index, id] of ids.entries()) {
      await t.pool.query(
        `INSERT INTO "SkuCatalog" ("Sku", "DisplayName", "UnitPrice") VALUES ($1, $2, $3)`,
        [id, `Item ${index}`, index + 0.5],
      );
    }
    // The cache and the CRM in step with every row, as the pipeline left them.
    const rows: SourceRow[] = [];
    for await (const page of source.rows(skus, 'default')) rows.push(...page);
    await t.cache.applyMany(
      rows.map((row) => ({
        tenant: 'default',
        entity: 'SkuCatalog',
        id: row.id,
        kind: 'upsert' as const,
        version: 1000 + rows.indexOf(row),
        data: row.record,
      })),
    );
    for (const row of rows) {
      const mapped = mapRecord(mapping, row.record);
      crm.set(mapped.identity.toLowerCase(), {
        externalId: mapped.identity,
        identity: mapped.identity,
        properties: mapped.properties,
        lastModified: new Date().toISOString(),
      });
    }
    // Drift: one record gone from the CRM, one changed there, one there without a row; and a
    // row changed in Postgres that the cache has not caught up with (its delivery is on the way).
    const [missing, stale, , late] = ids;
    crm.delete(missing.toLowerCase());
    (crm.get(stale.toLowerCase()) as RemoteRecord).properties.name = 'Edited in the CRM';
    const orphan = `CRM-${suffix}-gone`;
    crm.set(orphan.toLowerCase(), {
      externalId: orphan,
      identity: orphan,
      properties: { name: 'no row' },
      lastModified: new Date().toISOString(),
    });
    await t.pool.query(`UPDATE "SkuCatalog" SET "DisplayName" = 'renamed' WHERE "Sku" = $1`, [
      late,
    ]);

    const sent: { topic: string; value: Buffer }[] = [];
    const useCase = new ReconcileCrmUseCase(
      source,
      registry,
      t.cache,
      {
        list: () => Promise.resolve([destination]),
        connection: () => Promise.resolve({} as DestinationConnection),
      } as unknown as DestinationRepository,
      { list: () => Promise.resolve([mapping]) } as unknown as MappingRepository,
      {
        latest: () => Promise.resolve(new Map()),
        forgetPayloads: () => Promise.resolve(),
        record: () => Promise.resolve(),
      } as unknown as DeliveryLogRepository,
      new SharedRateLimiter(t.redis, t.keys),
      {
        ensureTopics: () => Promise.resolve(),
        send: (topic: string, messages: { value: Buffer }[]) => {
          sent.push(...messages.map(({ value }) => ({ topic, value })));
          return Promise.resolve();
        },
      } as unknown as DurableKafkaProducer,
      new ReachabilityProbe(t.pool, t.redis),
      { states: () => Promise.resolve(new Map()) } as unknown as RemoteRecordRepository,
      { topicPrefix: `t-${suffix}`, topicPartitions: 1, connectorFor: () => connector },
    );
    const report = await useCase.execute(new ReconcileCommand('crm', { entity: 'SkuCatalog' }));

    expect(report.status).toBe('succeeded');
    expect(report.rows).toEqual([
      expect.objectContaining({
        tenant: 'default',
        entity: 'SkuCatalog',
        destination: destination.id,
        missing: 1,
        stale: 1,
        orphan: 1,
        inFlight: 1,
        repaired: 3,
        errors: 0,
      }),
    ]);
    // Re-enqueued by record id, at the version the cache holds; the orphan archived.
    const notices = sent.map(({ value }) => decodeRecordChangedNotice(value));
    const cachedVersion = (id: string) => 1000 + rows.findIndex((row) => row.id === id);
    expect(
      notices.map(({ id, version }) => ({ id, version })).sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual([missing, stale].sort().map((id) => ({ id, version: cachedVersion(id) })));
    expect(crm.has(orphan.toLowerCase())).toBe(false);
  });
});

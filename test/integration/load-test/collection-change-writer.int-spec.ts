import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { CollectionChangeWriter } from '../../../scripts/load-test/workload/collection-change-writer';
import { testClients } from '../support/test-clients';

// The load test's writer on tables unlike the demo's, against the stack's Postgres: rows built
// from the catalog definition alone are accepted by Postgres (every type, domains, enums,
// arrays, identity and composite keys), and what it reports committed is what the table holds.
const t = testClients('collection-writer');
const tenant = t.tenant('site');
let collections: CollectionRegistry;
const writers: CollectionChangeWriter[] = [];

function tableOf(schema: string, table: string): CollectionDefinition {
  const found = collections.findByTable(schema, table);
  if (!found) throw new Error(`${schema}.${table} is not a collection of the stack`);
  return found;
}

beforeAll(async () => {
  collections = await t.collections();
});

afterAll(async () => {
  for (const writer of writers) await writer.cleanup(t.pool);
  await t.close();
});

describe(CollectionChangeWriter.name, () => {
  it.each([
    ['public', 'sensor_readings'],
    ['inventory', 'stock_levels'],
    ['public', 'SkuCatalog'],
  ])('inserts, updates and deletes rows of %s.%s', async (schema, table) => {
    const collection = tableOf(schema, table);
    const writer = new CollectionChangeWriter(
      collection,
      collections,
      900_000_000 + Math.floor(Math.random() * 100_000_000),
    );
    writers.push(writer);
    const [tenantOfRows] = writer.tenantsFor([tenant]);
    const ids = [writer.newId(), writer.newId(), writer.newId()];
    const inserted = await writer.write(t.pool, {
      inserts: ids.map((id, i) => ({
        tenant: tenantOfRows,
        id,
        email: '',
        marker: i + 1,
        notes: '',
      })),
      updates: [],
      deletes: [],
    });
    expect(inserted.map((c) => [c.kind, c.id, c.tenant])).toEqual(
      ids.map((id) => ['insert', id, tenantOfRows]),
    );
    expect(await writer.count(t.pool)).toBe(3);

    const changed = await writer.write(t.pool, {
      inserts: [],
      updates: [{ tenant: tenantOfRows, id: ids[0], marker: 10, notes: '' }],
      deletes: [{ tenant: tenantOfRows, id: ids[1] }],
    });
    expect(changed.map((c) => [c.kind, c.id])).toEqual([
      ['update', ids[0]],
      ['delete', ids[1]],
    ]);
    // Versions only grow: the version column, or the WAL position before the batch.
    const first = inserted.find((c) => c.id === ids[0])?.version ?? 0;
    expect(changed[0].version).toBeGreaterThan(first);
    expect(await writer.count(t.pool)).toBe(2);
  });
});

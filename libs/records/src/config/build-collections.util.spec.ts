import { CatalogTable } from '../catalog/catalog-table.type';
import { CollectionsConfigException } from '../exceptions/collections-config.exception';
import { buildCollections } from './build-collections.util';

const text = { kind: 'text' as const, nullable: false };
const int = { kind: 'integer' as const, nullable: false };
const stockLevels: CatalogTable = {
  schema: 'inventory',
  table: 'stock_levels',
  primaryKey: ['org', 'warehouse_id', 'sku'],
  columns: [
    { name: 'org', serverSet: false, definition: text },
    { name: 'warehouse_id', serverSet: false, definition: int },
    { name: 'sku', serverSet: false, definition: text },
    { name: 'on_hand', serverSet: false, definition: int },
    { name: 'rev', serverSet: false, definition: { kind: 'bigint', nullable: false } },
  ],
};
const readings: CatalogTable = {
  schema: 'public',
  table: 'sensor_readings',
  primaryKey: ['reading_id'],
  columns: [
    { name: 'reading_id', serverSet: true, definition: { kind: 'bigint', nullable: false } },
    { name: 'label', serverSet: false, definition: { ...text, nullable: true } },
  ],
};
const auditLog: CatalogTable = {
  schema: 'public',
  table: 'audit_log',
  primaryKey: [],
  columns: [{ name: 'event_id', serverSet: false, definition: text }],
};
const published = [stockLevels, readings, auditLog].map(({ schema, table }) => ({ schema, table }));
const catalog = [stockLevels, readings, auditLog];

describe(buildCollections.name, () => {
  it('with no config, makes every keyed table a single-tenant, WAL-versioned collection', () => {
    const { collections, skipped } = buildCollections(published, catalog, {});
    expect(collections.map((c) => c.name)).toEqual(['stock_levels', 'sensor_readings']);
    expect(collections[1]).toMatchObject({
      keyColumns: ['reading_id'],
      fixedTenant: 'default',
    });
    expect(collections[1].versionColumn).toBeUndefined();
    // An identity column is set by Postgres: never writable, never changeable.
    expect(collections[1].columns.reading_id).toMatchObject({ generated: true, immutable: true });
    expect(skipped).toEqual(['public.audit_log: no primary key (set keyColumns to sync it)']);
  });

  it('applies an entry: name, tenant and version columns, key without the tenant, excluded columns', () => {
    const { collections } = buildCollections(published, catalog, {
      collections: [
        {
          table: 'inventory.stock_levels',
          name: 'stock_level',
          tenantColumn: 'org',
          versionColumn: 'rev',
          exclude: ['on_hand'],
          ttlSeconds: 60,
        },
        { table: 'public.audit_log', keyColumns: ['event_id'], tenant: 'ops' },
      ],
    });
    const stock = collections.find((c) => c.name === 'stock_level');
    expect(stock).toMatchObject({
      keyColumns: ['warehouse_id', 'sku'],
      tenantColumn: 'org',
      versionColumn: 'rev',
      ttlSeconds: 60,
    });
    expect(Object.keys(stock?.columns ?? {})).toEqual(['org', 'warehouse_id', 'sku', 'rev']);
    expect(stock?.columns.org.generated).toBe(true);
    expect(collections.find((c) => c.name === 'audit_log')).toMatchObject({
      keyColumns: ['event_id'],
      fixedTenant: 'ops',
    });
  });

  it.each([
    [{ table: 'inventory.nope' }, 'collections[0] (inventory.nope).table: no such table'],
    [
      { table: 'inventory.stock_levels', versionColumn: 'sku' },
      'versionColumn: must be an integer column, not text',
    ],
    [
      { table: 'inventory.stock_levels', tenantColumn: 'tenant' },
      'tenantColumn: column "tenant" does not exist',
    ],
    [{ table: 'public.audit_log' }, 'keyColumns: the table has no primary key'],
    [
      { table: 'inventory.stock_levels', tenantColumn: 'org', exclude: ['org'] },
      'exclude: org is a key, tenant or version column',
    ],
    [
      { table: 'public.sensor_readings', name: 'stock_levels' },
      'collection name stock_levels is taken by inventory.stock_levels',
    ],
  ])('stops start-up on %j, naming the entry and field', (entry, message) => {
    expect(() => buildCollections(published, catalog, { collections: [entry] })).toThrow(
      CollectionsConfigException,
    );
    expect(() => buildCollections(published, catalog, { collections: [entry] })).toThrow(message);
  });

  it('refuses an entry for a table that exists but is not published', () => {
    expect(() =>
      buildCollections(published.slice(0, 1), catalog, {
        collections: [{ table: 'public.sensor_readings' }],
      }),
    ).toThrow('not in the publication');
  });
});

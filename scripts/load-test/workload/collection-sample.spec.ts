import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { insertableColumns, sampleRow, toDebeziumValue } from './collection-sample';

// A table unlike the demo's: bigint identity key, tenant column `site`, no version column, a
// column of most kinds (the shape of the inventory fixture's public.sensor_readings).
const READINGS: CollectionDefinition = {
  name: 'sensor_reading',
  schema: 'public',
  table: 'sensor_readings',
  keyColumns: ['reading_id'],
  tenantColumn: 'site',
  columns: {
    reading_id: { kind: 'bigint', nullable: false, generated: true },
    site: { kind: 'text', nullable: false },
    small_value: { kind: 'smallint', nullable: true },
    exact_value: { kind: 'numeric', nullable: true, precision: 12, scale: 3 },
    battery: { kind: 'numeric', nullable: true, precision: 5, scale: 2, pgType: 'percentage' },
    real_value: { kind: 'real', nullable: true },
    short_label: { kind: 'text', nullable: true, maxLength: 20, pgType: 'character varying(20)' },
    code: { kind: 'text', nullable: true, maxLength: 4, pgType: 'character(4)' },
    active: { kind: 'boolean', nullable: false },
    device: { kind: 'uuid', nullable: true },
    read_on: { kind: 'date', nullable: true },
    read_at_time: { kind: 'time', nullable: true },
    read_at: { kind: 'timestamp', nullable: true },
    read_at_tz: { kind: 'timestamptz', nullable: false },
    window_length: { kind: 'interval', nullable: true },
    attributes: { kind: 'jsonb', nullable: true },
    payload: { kind: 'bytea', nullable: true },
    quality: { kind: 'enum', nullable: true, values: ['good', 'suspect', 'bad'] },
    tags: { kind: 'array', nullable: true, element: { kind: 'text', nullable: true } },
  },
};

// Composite key within a tenant column, version column (inventory.stock_levels).
const STOCK: CollectionDefinition = {
  name: 'stock_level',
  schema: 'inventory',
  table: 'stock_levels',
  keyColumns: ['warehouse_id', 'sku'],
  tenantColumn: 'org',
  versionColumn: 'rev',
  columns: {
    org: { kind: 'text', nullable: false },
    warehouse_id: { kind: 'integer', nullable: false },
    sku: { kind: 'text', nullable: false, maxLength: 32, pgType: 'inventory.sku_code' },
    on_hand: { kind: 'integer', nullable: false },
    rev: { kind: 'bigint', nullable: false },
  },
};

describe(sampleRow.name, () => {
  const registry = CollectionRegistry.of([READINGS, STOCK]);

  it.each([READINGS, STOCK])('builds rows of $name that its validator accepts', (collection) => {
    for (let change = 1; change <= 3; change++) {
      const row = sampleRow(collection, { record: 41, tenant: 'site-1', change });
      expect(() => registry.validate(collection, row)).not.toThrow();
    }
  });

  it('derives the key from the record number and the rest from the change', () => {
    const first = sampleRow(STOCK, { record: 12, tenant: 'acme', change: 1 });
    const second = sampleRow(STOCK, { record: 12, tenant: 'acme', change: 2 });
    expect(registry.recordId(STOCK, first)).toBe('13,K-12');
    expect(registry.recordId(STOCK, second)).toBe('13,K-12');
    expect(second.rev).toBe(2);
    expect(second.on_hand).not.toEqual(first.on_hand);
  });

  it('round-trips through the Debezium form to the same canonical record', () => {
    const row = sampleRow(READINGS, { record: 7, tenant: 's', change: 2 });
    const debezium = Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        toDebeziumValue(READINGS.columns[name], value),
      ]),
    );
    expect(registry.canonicalize(READINGS, debezium)).toEqual(row);
  });

  it('leaves identity columns out of inserts, keeps tenant and key columns', () => {
    expect(insertableColumns(READINGS)).not.toContain('reading_id');
    expect(insertableColumns(READINGS)).toContain('site');
    expect(insertableColumns(STOCK)).toEqual(['org', 'warehouse_id', 'sku', 'on_hand', 'rev']);
  });
});

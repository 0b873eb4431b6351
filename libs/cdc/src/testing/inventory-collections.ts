import { CollectionDefinition, ColumnDefinition } from '@syncline/records';

// Collections shaped like scripts/fixtures/inventory/schema.sql as the catalog describes it (spec
// fixtures: the real catalog is read by the integration tests).
const col = (
  kind: ColumnDefinition['kind'],
  extra: Partial<ColumnDefinition> = {},
): ColumnDefinition => ({
  kind,
  nullable: true,
  ...extra,
});
const QUALITY = ['good', 'suspect', 'bad'];

export const SENSOR_READINGS: CollectionDefinition = {
  name: 'sensor_reading',
  schema: 'public',
  table: 'sensor_readings',
  keyColumns: ['reading_id'],
  tenantColumn: 'site',
  columns: {
    reading_id: col('bigint', { nullable: false, generated: true, immutable: true }),
    site: col('text', { nullable: false, generated: true }),
    small_value: col('smallint'),
    int_value: col('integer'),
    big_value: col('bigint'),
    exact_value: col('numeric', { precision: 12, scale: 3 }),
    any_numeric: col('numeric'),
    real_value: col('real'),
    double_value: col('double'),
    label: col('text'),
    short_label: col('text', { maxLength: 20 }),
    code: col('text', { maxLength: 4 }),
    active: col('boolean', { nullable: false, hasDefault: true }),
    device: col('uuid'),
    read_on: col('date'),
    read_at_time: col('time'),
    read_at: col('timestamp'),
    read_at_tz: col('timestamptz', { nullable: false, hasDefault: true }),
    window_length: col('interval'),
    raw_json: col('json'),
    attributes: col('jsonb'),
    payload: col('bytea'),
    quality: col('enum', { values: QUALITY }),
    battery: col('numeric', { precision: 5, scale: 2 }),
    samples: col('array', { element: col('double') }),
    tags: col('array', { element: col('text') }),
    qualities: col('array', { element: col('enum', { values: QUALITY }) }),
  },
};

export const STOCK_LEVELS: CollectionDefinition = {
  name: 'stock_level',
  schema: 'inventory',
  table: 'stock_levels',
  keyColumns: ['warehouse_id', 'sku'],
  tenantColumn: 'org',
  versionColumn: 'rev',
  columns: {
    org: col('text', { nullable: false, generated: true }),
    warehouse_id: col('integer', { nullable: false, immutable: true }),
    sku: col('text', { nullable: false, maxLength: 32, immutable: true }),
    on_hand: col('integer', { nullable: false, hasDefault: true }),
    reserved: col('integer', { nullable: false, hasDefault: true }),
    fill: col('numeric', { precision: 5, scale: 2 }),
    rev: col('bigint', { nullable: false, generated: true }),
  },
};

export const WAREHOUSES: CollectionDefinition = {
  name: 'warehouses',
  schema: 'inventory',
  table: 'warehouses',
  keyColumns: ['id'],
  fixedTenant: 'default',
  columns: {
    id: col('integer', { nullable: false, generated: true, immutable: true }),
    code: col('text', { nullable: false, maxLength: 4 }),
    city: col('text', { maxLength: 80 }),
    opened_on: col('date'),
    capacity: col('integer', { nullable: false, hasDefault: true }),
  },
};

export const SKU_CATALOG: CollectionDefinition = {
  name: 'SkuCatalog',
  schema: 'public',
  table: 'SkuCatalog',
  keyColumns: ['Sku'],
  fixedTenant: 'default',
  columns: {
    Sku: col('text', { nullable: false, immutable: true }),
    DisplayName: col('text', { nullable: false }),
    UnitPrice: col('numeric', { precision: 10, scale: 2 }),
    Discontinued: col('boolean', { nullable: false, hasDefault: true }),
  },
};

export const INVENTORY_COLLECTIONS = [SENSOR_READINGS, STOCK_LEVELS, WAREHOUSES, SKU_CATALOG];

/** A Debezium change event value (JSON converter, no schemas); `table: undefined` omits source.table. */
export function debeziumEvent(
  op: 'c' | 'u' | 'd' | 'r' | 't',
  collection: Pick<CollectionDefinition, 'schema' | 'table'>,
  options: {
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    lsn?: number;
  } = {},
): Record<string, unknown> {
  return {
    before: options.before ?? null,
    after: options.after ?? null,
    source: {
      version: '3.4.3.Final',
      connector: 'postgresql',
      name: 'syncline',
      snapshot: op === 'r' ? 'true' : 'false',
      db: 'syncline',
      schema: collection.schema,
      table: collection.table,
      lsn: options.lsn ?? 27_134_808,
      txId: 756,
    },
    op,
    ts_ms: 1796407602207,
  };
}

import { SchemaViolationException } from '../exceptions/schema-violation.exception';
import { UnknownCollectionException } from '../exceptions/unknown-collection.exception';
import { CollectionDefinition } from '../types/collection-definition.type';
import { CollectionRegistry } from './collection-registry';

const readings: CollectionDefinition = {
  name: 'sensor_reading',
  schema: 'public',
  table: 'sensor_readings',
  keyColumns: ['reading_id'],
  tenantColumn: 'site',
  columns: {
    reading_id: { kind: 'bigint', nullable: false, generated: true, immutable: true },
    site: { kind: 'text', nullable: false, generated: true },
    read_at: { kind: 'timestamp', nullable: true },
    tags: { kind: 'array', nullable: true, element: { kind: 'text', nullable: true } },
  },
};
const catalogue: CollectionDefinition = {
  name: 'SkuCatalog',
  schema: 'public',
  table: 'SkuCatalog',
  keyColumns: ['Sku'],
  fixedTenant: 'default',
  versionColumn: undefined,
  columns: { Sku: { kind: 'text', nullable: false, immutable: true } },
};

describe(CollectionRegistry.name, () => {
  const registry = CollectionRegistry.of([readings, catalogue]);

  it('finds collections by name and by their table, and names an unknown one', () => {
    expect(registry.byCollectionName('sensor_reading')).toBe(readings);
    expect(registry.findByTable('public', 'SkuCatalog')).toBe(catalogue);
    expect(registry.findByTable('public', 'skucatalog')).toBeUndefined();
    expect(() => registry.byCollectionName('orders')).toThrow(UnknownCollectionException);
    expect(() => registry.byCollectionName('orders')).toThrow('"orders"');
  });

  it('canonicalizes a row and derives its id, tenant and version', () => {
    const record = registry.canonicalize(readings, {
      reading_id: '9007199254740991',
      site: 'plant-7',
      read_at: '2024-03-01 12:34:56.5',
      tags: '{a,"b c"}',
      dropped_column: 'ignored',
    });
    expect(record).toEqual({
      reading_id: 9007199254740991,
      site: 'plant-7',
      read_at: '2024-03-01T12:34:56.5',
      tags: ['a', 'b c'],
    });
    expect(registry.recordId(readings, record)).toBe('9007199254740991');
    expect(registry.tenantOf(readings, record)).toBe('plant-7');
    expect(registry.tenantOf(catalogue, { Sku: 'X' })).toBe('default');
    expect(registry.versionOf(readings, record)).toBeUndefined();
  });

  it('validates against the catalog types, naming every bad field', () => {
    registry.validate(readings, { reading_id: 1, site: 's', read_at: null, tags: null });
    let caught: unknown;
    try {
      registry.validate(readings, { reading_id: 1.5, site: 's', read_at: 'noon', tags: [1] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaViolationException);
    const paths = (caught as SchemaViolationException).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['/reading_id', '/read_at', '/tags/0']));
  });

  it('keeps server-set and key columns out of what clients may write', () => {
    expect(() => registry.validate(readings, { site: 'other' }, 'create')).toThrow(
      SchemaViolationException,
    );
    expect(() => registry.validate(catalogue, { Sku: 'Y' }, 'update')).toThrow(
      SchemaViolationException,
    );
    registry.validate(catalogue, { Sku: 'Y' }, 'create');
  });
});

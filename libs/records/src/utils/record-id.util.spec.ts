import { InvalidRecordIdException } from '../exceptions/invalid-record-id.exception';
import { CollectionDefinition } from '../types/collection-definition.type';
import { keyValuesOf, recordIdOf } from './record-id.util';

const stock: CollectionDefinition = {
  name: 'stock_level',
  schema: 'inventory',
  table: 'stock_levels',
  keyColumns: ['warehouse_id', 'sku'],
  tenantColumn: 'org',
  columns: {
    org: { kind: 'text', nullable: false },
    warehouse_id: { kind: 'integer', nullable: false },
    sku: { kind: 'text', nullable: false },
  },
};
const sku: CollectionDefinition = {
  name: 'SkuCatalog',
  schema: 'public',
  table: 'SkuCatalog',
  keyColumns: ['Sku'],
  fixedTenant: 'default',
  columns: { Sku: { kind: 'text', nullable: false } },
};

describe('record ids', () => {
  it('is the value itself for a single-column key, whatever it contains', () => {
    for (const value of ['ACME-7', 'a,b', '50%', 'ünï', ' ']) {
      expect(recordIdOf(sku, { Sku: value })).toBe(value);
      expect(keyValuesOf(sku, value)).toEqual({ Sku: value });
    }
  });

  it('joins composite key parts with commas, escaping commas and percent signs in them', () => {
    const id = recordIdOf(stock, { warehouse_id: 7, sku: 'A,B%C' });
    expect(id).toBe('7,A%2CB%25C');
    expect(keyValuesOf(stock, id)).toEqual({ warehouse_id: 7, sku: 'A,B%C' });
  });

  it('round-trips negative and large integer parts as numbers', () => {
    const id = recordIdOf(stock, { warehouse_id: -2147483648, sku: 'x' });
    expect(keyValuesOf(stock, id)).toEqual({ warehouse_id: -2147483648, sku: 'x' });
  });

  it('refuses an id with the wrong number of parts or a part of the wrong type, naming why', () => {
    expect(() => keyValuesOf(stock, '7')).toThrow(InvalidRecordIdException);
    expect(() => keyValuesOf(stock, '7,a,b')).toThrow(
      'expected 2 key parts (warehouse_id, sku), got 3',
    );
    expect(() => keyValuesOf(stock, 'seven,a')).toThrow('warehouse_id must be an integer');
    expect(() => keyValuesOf(stock, '1.5,a')).toThrow(InvalidRecordIdException);
    const byUuid = {
      ...sku,
      keyColumns: ['id'],
      columns: { id: { kind: 'uuid' as const, nullable: false } },
    };
    expect(() => keyValuesOf(byUuid, 'not-a-uuid')).toThrow('id must be a uuid');
    expect(keyValuesOf(byUuid, '6F1C1A52-3B1F-4C0A-9D5E-2B9F7A0C1D2E')).toEqual({
      id: '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e',
    });
  });
});

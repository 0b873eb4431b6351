import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { DEBEZIUM_UNAVAILABLE_VALUE } from '../constants/debezium.constant';
import { DecodeFailure } from '../exceptions/decode-failure.exception';
import {
  debeziumEvent,
  INVENTORY_COLLECTIONS,
  SENSOR_READINGS,
  SKU_CATALOG,
  STOCK_LEVELS,
  WAREHOUSES,
} from '../testing/inventory-collections';
import { DecodedEvent } from '../types/decoded-event.type';
import { RawMessage } from '../types/raw-message.type';
import { RowChange } from '../types/row-change.type';
import { DebeziumDecoder } from './debezium-decoder';

const LSN = 27_134_808;

function message(
  value: unknown,
  topic = 'syncline.inventory.stock_levels',
  offset = '41',
): RawMessage {
  return {
    topic,
    partition: 3,
    offset,
    key: null,
    value:
      value === null
        ? null
        : Buffer.isBuffer(value)
          ? value
          : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  };
}

function changeOf(event: DecodedEvent): RowChange {
  if (event.type !== 'change') throw new Error(`expected a change, got ${JSON.stringify(event)}`);
  return event.change;
}

function failureOf(event: DecodedEvent): DecodeFailure {
  if (event.type !== 'poison') throw new Error(`expected poison, got ${event.type}`);
  return event.error;
}

const stock = (overrides: Record<string, unknown> = {}) => ({
  org: 'acme',
  warehouse_id: 7,
  sku: 'BOLT-10',
  on_hand: 12,
  reserved: 0,
  fill: '12.50',
  rev: 3,
  ...overrides,
});
const warehouse = (overrides: Record<string, unknown> = {}) => ({
  id: 1,
  code: 'BER1',
  city: 'Berlin',
  opened_on: 19783,
  capacity: 500,
  ...overrides,
});

describe(DebeziumDecoder.name, () => {
  const registry = CollectionRegistry.of(INVENTORY_COLLECTIONS);
  const decoder = new DebeziumDecoder(registry);
  const decode = (value: unknown, topic?: string) => decoder.decode(message(value, topic));

  describe('which collection, record, tenant and version', () => {
    it('finds the collection by source schema and table, and keys a composite key by its parts', () => {
      const event = decode(debeziumEvent('c', STOCK_LEVELS, { after: stock({ sku: 'A,B%' }) }));
      const change = changeOf(event);
      expect(change).toMatchObject({
        kind: 'upsert',
        op: 'c',
        collection: STOCK_LEVELS,
        tenant: 'acme',
        id: '7,A%2CB%25',
        version: 3, // the version column
        lsn: LSN,
        absentColumns: [],
        unavailableColumns: [],
      });
      expect(change.row).toEqual(stock({ sku: 'A,B%' }));
      expect(event.type === 'change' && event.drift).toEqual([]);
      expect(() => registry.validate(STOCK_LEVELS, change.row)).not.toThrow();
    });

    it('puts every row of a single-tenant collection in its fixed tenant, versioned by WAL position', () => {
      const change = changeOf(
        decode(debeziumEvent('c', WAREHOUSES, { after: warehouse(), lsn: 99 })),
      );
      expect(change).toMatchObject({
        collection: WAREHOUSES,
        tenant: 'default',
        id: '1',
        version: 99,
      });
      expect(change.row.opened_on).toBe('2024-03-01');
    });

    it('tells apart tables of the same name in two schemas, and takes quoted mixed-case names', () => {
      const elsewhere: CollectionDefinition = {
        ...WAREHOUSES,
        name: 'public_warehouses',
        schema: 'public',
      };
      const both = new DebeziumDecoder(CollectionRegistry.of([WAREHOUSES, elsewhere]));
      const event = debeziumEvent(
        'c',
        { schema: 'public', table: 'warehouses' },
        { after: warehouse() },
      );
      expect(changeOf(both.decode(message(event))).collection.name).toBe('public_warehouses');
      const sku = { Sku: 'ACME-7', DisplayName: 'Bolt', UnitPrice: '0.25', Discontinued: false };
      const change = changeOf(decode(debeziumEvent('u', SKU_CATALOG, { before: sku, after: sku })));
      expect(change).toMatchObject({ collection: SKU_CATALOG, id: 'ACME-7', tenant: 'default' });
    });

    it('finds the table from the topic when the source block does not name it', () => {
      const event = debeziumEvent('c', STOCK_LEVELS, { after: stock() });
      const source = event.source as Record<string, unknown>;
      delete source.schema;
      delete source.table;
      expect(changeOf(decode(event, 'syncline.inventory.stock_levels')).collection).toBe(
        STOCK_LEVELS,
      );
    });

    it('decodes a delete from its full before image, at the version of the row it removed', () => {
      const change = changeOf(
        decode(debeziumEvent('d', STOCK_LEVELS, { before: stock({ rev: 9 }) })),
      );
      expect(change).toMatchObject({
        kind: 'delete',
        op: 'd',
        tenant: 'acme',
        id: '7,BOLT-10',
        version: 9,
      });
      const wal = changeOf(decode(debeziumEvent('d', WAREHOUSES, { before: { id: 4 }, lsn: 120 })));
      expect(wal).toMatchObject({ kind: 'delete', id: '4', version: 120, absentColumns: [] });
    });

    it('lists the columns an update changed', () => {
      const change = changeOf(
        decode(
          debeziumEvent('u', STOCK_LEVELS, {
            before: stock(),
            after: stock({ on_hand: 11, rev: 4 }),
          }),
        ),
      );
      expect(change.changedColumns).toEqual(['on_hand', 'rev']);
    });

    it("keeps the source transaction's commit time, except for snapshot reads", () => {
      const committed = (op: 'c' | 'r') => {
        const event = debeziumEvent(op, STOCK_LEVELS, { after: stock() });
        return { ...event, source: { ...(event.source as object), ts_ms: 1796407601000 } };
      };
      expect(changeOf(decode(committed('c'))).committedAtMs).toBe(1796407601000);
      expect(changeOf(decode(committed('r'))).committedAtMs).toBeUndefined();
    });
  });

  describe('poison (dead-lettered, never thrown), with its reason', () => {
    it('refuses a row without a tenant, naming the tenant column', () => {
      const failure = failureOf(
        decode(debeziumEvent('c', STOCK_LEVELS, { after: stock({ org: null }) })),
      );
      expect(failure.code).toBe('SCHEMA_VIOLATION');
      expect(failure.message).toContain('org');
    });

    it('refuses a delete whose before image lacks the tenant or version column (no REPLICA IDENTITY FULL)', () => {
      const keyOnly = { warehouse_id: 7, sku: 'BOLT-10', org: 'acme' };
      expect(
        failureOf(decode(debeziumEvent('d', STOCK_LEVELS, { before: keyOnly }))).message,
      ).toMatch(/version column rev.*REPLICA IDENTITY FULL/);
      const noTenant = { warehouse_id: 7, sku: 'BOLT-10', rev: 2 };
      expect(
        failureOf(decode(debeziumEvent('d', STOCK_LEVELS, { before: noTenant }))).message,
      ).toMatch(/tenant column org.*REPLICA IDENTITY FULL/);
    });

    it('refuses a row without a key column, naming it', () => {
      const failure = failureOf(
        decode(debeziumEvent('c', STOCK_LEVELS, { after: stock({ sku: null }) })),
      );
      expect(failure.message).toContain('sku');
      const toasted = stock({ sku: DEBEZIUM_UNAVAILABLE_VALUE });
      expect(
        failureOf(decode(debeziumEvent('c', STOCK_LEVELS, { after: toasted }))).message,
      ).toContain('sku');
    });

    it('refuses an unknown table as UNKNOWN_TABLE and reports it as drift to re-read the catalog', () => {
      const event = decode(
        debeziumEvent('c', { schema: 'inventory', table: 'pallets' }, { after: { id: 1 } }),
      );
      expect(failureOf(event).code).toBe('UNKNOWN_TABLE');
      expect(event.type === 'poison' && event.drift).toEqual([
        'table inventory.pallets is not a collection',
      ]);
      expect(failureOf(decode(debeziumEvent('t', { schema: 'x', table: 'y' }))).code).toBe(
        'UNKNOWN_TABLE',
      );
    });

    it('refuses what is no Debezium event, too large, or without the image its op needs', () => {
      expect(failureOf(decode('{not json')).code).toBe('UNDECODABLE_EVENT');
      expect(failureOf(decode({ op: 'x', source: {} })).code).toBe('UNDECODABLE_EVENT');
      expect(failureOf(decode(debeziumEvent('c', STOCK_LEVELS))).message).toContain('after image');
      expect(failureOf(decode(debeziumEvent('d', STOCK_LEVELS))).message).toContain('before image');
      const small = new DebeziumDecoder(registry, 100);
      expect(
        failureOf(small.decode(message(debeziumEvent('c', STOCK_LEVELS, { after: stock() })))).code,
      ).toBe('OVERSIZED_PAYLOAD');
    });

    it('refuses a WAL-versioned row without a position', () => {
      const event = debeziumEvent('c', WAREHOUSES, { after: warehouse() });
      delete (event.source as Record<string, unknown>).lsn;
      expect(failureOf(decode(event)).message).toContain('WAL position');
    });

    it('gives a snapshot read of a WAL-versioned row (a backfill) version 0: it only fills an empty key', () => {
      const event = debeziumEvent('r', WAREHOUSES, { after: warehouse() });
      (event.source as Record<string, unknown>).lsn = null;
      expect(changeOf(decode(event))).toMatchObject({ kind: 'upsert', op: 'r', version: 0 });
    });
  });

  describe('columns the event and the collection disagree on', () => {
    it('reports a column the collection does not know as drift and leaves it out of the row', () => {
      const event = decode(debeziumEvent('c', STOCK_LEVELS, { after: stock({ bin: 'A-3' }) }));
      expect(event.type === 'change' && event.drift).toEqual(['stock_level: unknown column bin']);
      expect(changeOf(event).row).not.toHaveProperty('bin');
    });

    it('lists a column the event lacks as absent (for Postgres to fill) and as drift', () => {
      const { fill: _fill, ...withoutFill } = stock();
      const event = decode(
        debeziumEvent('u', STOCK_LEVELS, { before: stock(), after: withoutFill }),
      );
      expect(changeOf(event).absentColumns).toEqual(['fill']);
      expect(changeOf(event).row).not.toHaveProperty('fill');
      expect(event.type === 'change' && event.drift).toEqual([
        'stock_level: column fill not in the event',
      ]);
    });

    it('does not trust an array with NULL elements (a multi-dimensional one arrives as NULLs)', () => {
      const after = { reading_id: 5, site: 'north', samples: [null, null], tags: ['a'] };
      const change = changeOf(decode(debeziumEvent('c', SENSOR_READINGS, { after })));
      expect(change.absentColumns).toContain('samples');
      expect(change.absentColumns).not.toContain('tags');
      expect(change.row).not.toHaveProperty('samples');
    });

    it('lists an unchanged TOAST value as unavailable, never as a value', () => {
      const after = { reading_id: 5, site: 'north', label: DEBEZIUM_UNAVAILABLE_VALUE };
      const change = changeOf(decode(debeziumEvent('u', SENSOR_READINGS, { before: null, after })));
      expect(change.unavailableColumns).toEqual(['label']);
      expect(change.row).not.toHaveProperty('label');
      expect(change.changedColumns).toBeUndefined();
    });
  });

  describe('truncate and tombstones', () => {
    it('decodes a TRUNCATE into its collection and the position it happened at', () => {
      expect(decode(debeziumEvent('t', SENSOR_READINGS, { lsn: 500 }))).toMatchObject({
        type: 'truncate',
        collection: SENSOR_READINGS,
        lsn: 500,
      });
    });

    it('reports a Kafka tombstone (null value) as such', () => {
      expect(decode(null).type).toBe('tombstone');
    });
  });
});

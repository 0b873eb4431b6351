import {
  CollectionDefinition,
  CollectionRegistry,
  InvalidRecordIdException,
} from '@syncline/records';
import { Pool } from 'pg';
import { RAW_TEXT_TYPES } from '../constants/raw-text-types.constant';
import { RecordRejectedException } from '../exceptions/record-rejected.exception';
import { RecordExistsException } from '../exceptions/record-exists.exception';
import { VersionConflictException } from '../exceptions/version-conflict.exception';
import { SourceRecordRepository } from './source-record.repository';

// A composite key with a tenant column and a version column (like inventory.stock_levels).
const STOCK: CollectionDefinition = {
  name: 'stock_level',
  schema: 'inventory',
  table: 'stock_levels',
  keyColumns: ['warehouse_id', 'sku'],
  tenantColumn: 'org',
  versionColumn: 'rev',
  columns: {
    org: { kind: 'text', nullable: false, generated: true },
    warehouse_id: { kind: 'integer', nullable: false, immutable: true },
    sku: { kind: 'text', nullable: false, immutable: true },
    on_hand: { kind: 'integer', nullable: false },
    attributes: { kind: 'jsonb', nullable: true },
    rev: { kind: 'bigint', nullable: false, generated: true },
  },
};
// A text key in a quoted mixed-case table, single-tenant, WAL-position versions.
const SKUS: CollectionDefinition = {
  name: 'SkuCatalog',
  schema: 'public',
  table: 'Sku"Catalog',
  keyColumns: ['Sku'],
  fixedTenant: 'default',
  columns: {
    Sku: { kind: 'text', nullable: false, immutable: true },
    DisplayName: { kind: 'text', nullable: false },
    Photo: { kind: 'bytea', nullable: true },
  },
};
const registry = CollectionRegistry.of([STOCK, SKUS]);

interface Call {
  sql: string;
  params: unknown[];
  raw: boolean;
}

/** A Pool (and its clients) that records each query and answers with the next scripted result. */
function fakePool(...answers: (Record<string, unknown>[] | Error)[]) {
  const calls: Call[] = [];
  const released: unknown[] = [];
  const query = async (config: string | { text: string; values?: unknown[]; types?: unknown }) => {
    const { text, values = [], types } = typeof config === 'string' ? { text: config } : config;
    const sql = text.replace(/\s+/g, ' ').trim();
    calls.push({ sql, params: values, raw: types === RAW_TEXT_TYPES });
    if (/^(BEGIN|COMMIT|ROLLBACK)$/.test(sql)) return { rows: [] };
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected query: ${sql}`);
    if (answer instanceof Error) throw answer;
    return { rows: answer };
  };
  const pool = {
    query,
    connect: async () => ({ query, release: (error?: unknown) => released.push(error) }),
  };
  return { pool: pool as unknown as Pool, calls, released };
}

function pgError(code: string, constraint?: string): Error {
  return Object.assign(new Error(`pg error ${code}`), { code, constraint });
}

const stockRow = {
  org: 'acme',
  warehouse_id: '7',
  sku: 'A,1',
  on_hand: '3',
  attributes: '"x"',
  rev: '12',
};

describe(SourceRecordRepository.name, () => {
  it('finds rows by tenant and composite key, names quoted, values bound, rows as raw text', async () => {
    const { pool, calls } = fakePool([stockRow]);
    const repository = new SourceRecordRepository(pool, registry);
    const records = await repository.findMany(STOCK, 'acme', ['7,A%2C1', '8,B']);
    expect(calls).toEqual([
      {
        sql: 'SELECT * FROM "inventory"."stock_levels" WHERE "org" = $1 AND ("warehouse_id", "sku") IN (($2, $3), ($4, $5))',
        params: ['acme', 7, 'A,1', 8, 'B'],
        raw: true,
      },
    ]);
    expect(records).toEqual([
      { org: 'acme', warehouse_id: 7, sku: 'A,1', on_hand: 3, attributes: 'x', rev: 12 },
    ]);
  });

  it('reads a single-tenant collection without a tenant condition, only for its fixed tenant', async () => {
    const { pool, calls } = fakePool([]);
    const repository = new SourceRecordRepository(pool, registry);
    expect(await repository.find(SKUS, 'default', 'a"b')).toBeUndefined();
    expect(calls[0].sql).toBe('SELECT * FROM "public"."Sku""Catalog" WHERE "Sku" IN ($1)');
    expect(calls[0].params).toEqual(['a"b']);
    // Another tenant owns no row of it: no query at all.
    expect(await repository.findMany(SKUS, 'acme', ['x'])).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('refuses an id that cannot name a key before querying', async () => {
    const { pool, calls } = fakePool();
    const repository = new SourceRecordRepository(pool, registry);
    await expect(repository.find(STOCK, 'acme', 'x,A')).rejects.toThrow(InvalidRecordIdException);
    await expect(repository.find(STOCK, 'acme', '7')).rejects.toThrow(InvalidRecordIdException);
    expect(calls).toEqual([]);
  });

  it('lazy-loads a WAL-position collection FOR SHARE, with the position read after, in one transaction', async () => {
    const { pool, calls } = fakePool(
      [{ Sku: 'K-1', DisplayName: 'Kettle', Photo: '\\x0102' }],
      [{ position: '900' }],
    );
    const repository = new SourceRecordRepository(pool, registry);
    const [loaded] = await repository.findManyPositioned(SKUS, 'default', ['K-1']);
    expect(calls.map((call) => call.sql)).toEqual([
      'BEGIN',
      'SELECT * FROM "public"."Sku""Catalog" WHERE "Sku" IN ($1) FOR SHARE',
      `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS position`,
      'COMMIT',
    ]);
    expect(loaded).toEqual({
      record: { Sku: 'K-1', DisplayName: 'Kettle', Photo: 'AQI=' },
      version: 900,
      position: 900,
    });
  });

  it('lazy-loads a version-column collection at its version, the position read in the same statement', async () => {
    const { pool, calls } = fakePool([{ ...stockRow, syncline_wal_position: '500' }]);
    const repository = new SourceRecordRepository(pool, registry);
    const [loaded] = await repository.findManyPositioned(STOCK, 'acme', ['7,A%2C1']);
    expect(calls).toHaveLength(1);
    expect(calls[0].sql).toMatch(
      /^SELECT \*, .* AS syncline_wal_position FROM "inventory"."stock_levels"/,
    );
    expect(loaded).toMatchObject({ version: 12, position: 500 });
    expect(loaded.record).not.toHaveProperty('syncline_wal_position');
  });

  it('inserts the tenant and the body, jsonb as JSON text and bytea from base64, then reads the position', async () => {
    const { pool, calls } = fakePool([stockRow], [{ position: '1000' }]);
    const repository = new SourceRecordRepository(pool, registry);
    const stored = await repository.insert(STOCK, 'acme', {
      warehouse_id: 7,
      sku: 'A,1',
      on_hand: 3,
      attributes: 'x',
    });
    expect(calls[1]).toEqual({
      sql: 'INSERT INTO "inventory"."stock_levels" ("org", "warehouse_id", "sku", "on_hand", "attributes") VALUES ($1, $2, $3, $4, $5) RETURNING *',
      params: ['acme', 7, 'A,1', 3, '"x"'],
      raw: true,
    });
    expect(calls[2].sql).toContain('pg_current_wal_insert_lsn()');
    expect(stored).toMatchObject({ version: 12, position: 1000 });

    const skus = fakePool([{ Sku: 'K', DisplayName: 'K', Photo: '\\x0102' }], [{ position: '77' }]);
    const inserted = await new SourceRecordRepository(skus.pool, registry).insert(SKUS, 'default', {
      Sku: 'K',
      DisplayName: 'K',
      Photo: 'AQI=',
    });
    expect(skus.calls[1].params).toEqual(['K', 'K', Buffer.from([1, 2])]);
    // A WAL-position collection's write-through claims the position read after its write.
    expect(inserted).toMatchObject({ version: 77, position: 77 });
  });

  it('turns a unique violation into RecordExistsException and rolls back', async () => {
    const { pool, calls, released } = fakePool(pgError('23505', 'stock_levels_pkey'));
    const repository = new SourceRecordRepository(pool, registry);
    await expect(repository.insert(STOCK, 'acme', { warehouse_id: 7, sku: 'A' })).rejects.toEqual(
      new RecordExistsException('stock_levels_pkey'),
    );
    expect(calls.map((call) => call.sql).at(-1)).toBe('ROLLBACK');
    expect(released).toEqual([undefined]);
  });

  it.each([
    ['23514', 'stock_levels_on_hand_check', 'a CHECK constraint'],
    ['23502', undefined, 'a NOT NULL column'],
    ['23503', 'stock_levels_warehouse_fk', 'a foreign key'],
    ['22003', undefined, 'a numeric value out of range'],
  ])(
    'turns a row Postgres refuses for good (%s: %s) into a non-retriable RecordRejectedException on update and rolls back',
    async (code, constraint, _refusal) => {
      const { pool, calls } = fakePool(pgError(code, constraint));
      const repository = new SourceRecordRepository(pool, registry);
      const rejected = repository.update(STOCK, 'acme', '7,A', { on_hand: -1 });
      await expect(rejected).rejects.toBeInstanceOf(RecordRejectedException);
      await expect(rejected).rejects.toMatchObject({ retriable: false, code: 'RECORD_REJECTED' });
      expect(calls.map((call) => call.sql).at(-1)).toBe('ROLLBACK');
    },
  );

  it('updates only the body columns, guarded by the version column when If-Match is given', async () => {
    const { pool, calls } = fakePool([{ ...stockRow, rev: '13' }], [{ position: '1200' }]);
    const repository = new SourceRecordRepository(pool, registry);
    const updated = await repository.update(STOCK, 'acme', '7,A%2C1', { on_hand: 4 }, 12);
    expect(calls[1].sql).toBe(
      'UPDATE "inventory"."stock_levels" SET "on_hand" = $1 WHERE "org" = $2 AND ("warehouse_id", "sku") IN (($3, $4)) AND "rev" = $5 RETURNING *',
    );
    expect(calls[1].params).toEqual([4, 'acme', 7, 'A,1', 12]);
    expect(updated).toMatchObject({ version: 13, position: 1200 });
  });

  it('explains a missed update: VersionConflictException when the row moved on, undefined when absent', async () => {
    const moved = fakePool([], [{ position: '1' }], [{ ...stockRow, rev: '14' }]);
    await expect(
      new SourceRecordRepository(moved.pool, registry).update(
        STOCK,
        'acme',
        '7,A%2C1',
        { on_hand: 1 },
        12,
      ),
    ).rejects.toEqual(new VersionConflictException(12, 14));
    const absent = fakePool([], [{ position: '1' }], []);
    expect(
      await new SourceRecordRepository(absent.pool, registry).update(
        STOCK,
        'acme',
        '7,B',
        { on_hand: 1 },
        12,
      ),
    ).toBeUndefined();
  });

  it('refuses If-Match on a collection whose version is a WAL position (nothing to compare in SQL)', async () => {
    const { pool, calls } = fakePool();
    await expect(
      new SourceRecordRepository(pool, registry).update(
        SKUS,
        'default',
        'K',
        { DisplayName: 'x' },
        5,
      ),
    ).rejects.toThrow(/no version column/);
    expect(calls).toEqual([]);
  });

  it('deletes a row: a version-column tombstone at the row version, a WAL one at the position after', async () => {
    const stock = fakePool([stockRow], [{ position: '300' }]);
    expect(
      await new SourceRecordRepository(stock.pool, registry).delete(STOCK, 'acme', '7,A%2C1'),
    ).toEqual({ version: 12, position: 300 });
    expect(stock.calls[1].sql).toBe(
      'DELETE FROM "inventory"."stock_levels" WHERE "org" = $1 AND ("warehouse_id", "sku") IN (($2, $3)) RETURNING *',
    );
    const skus = fakePool([{ Sku: 'K', DisplayName: 'K', Photo: null }], [{ position: '400' }]);
    expect(
      await new SourceRecordRepository(skus.pool, registry).delete(SKUS, 'default', 'K'),
    ).toEqual({ version: 400, position: 400 });
    const none = fakePool([], [{ position: '401' }]);
    expect(
      await new SourceRecordRepository(none.pool, registry).delete(SKUS, 'default', 'K'),
    ).toBeUndefined();
  });
});

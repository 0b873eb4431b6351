import { buildCollections, CollectionDefinition, readCatalog, recordIdOf } from '@syncline/records';
import { bucketPrefixOf, recordIdSql, SourceManifestReader } from '@syncline/reconcile';
import { CollectionRegistry } from '@syncline/records';
import { testClients } from '../support/test-clients';

// The reconciler's buckets are md5(record id) in SQL and in Node: the SQL id expression must give
// exactly recordIdOf's text for any key, or a bucket's rows would be looked for in another one.
const t = testClients('recon-ids');
const schema = `recon_ids_${t
  .tenant('s')
  .replace(/[^a-z0-9]/gi, '_')
  .toLowerCase()}`;
let composite: CollectionDefinition;
let single: CollectionDefinition;
let registry: CollectionRegistry;

const ODD_TEXT = [
  'plain',
  'a,b',
  '100%',
  '%2C',
  ',',
  '%',
  '',
  'ünï©ødé ✓ 漢字',
  'tab\there',
  "quo'te",
  'sp ace ',
];

beforeAll(async () => {
  await t.pool.query(`CREATE SCHEMA ${schema}`);
  await t.pool.query(`
    CREATE TABLE ${schema}.odd (
      label text NOT NULL, n integer NOT NULL, big bigint NOT NULL, code char(4) NOT NULL,
      flag boolean NOT NULL, dev uuid NOT NULL, day date NOT NULL, at timestamptz NOT NULL,
      local_at timestamp NOT NULL, amount numeric(8, 2) NOT NULL, payload text,
      PRIMARY KEY (label, n, big, code, flag, dev, day, at, local_at, amount))`);
  await t.pool.query(`CREATE TABLE ${schema}."Single" ("Key" text PRIMARY KEY, payload text)`);
  const tables = [
    { schema, table: 'odd' },
    { schema, table: 'Single' },
  ];
  const { collections } = buildCollections(tables, await readCatalog(t.pool, tables), {});
  [composite, single] = collections;
  registry = CollectionRegistry.of(collections);
  let n = -3;
  for (const label of ODD_TEXT) {
    n += 1;
    await t.pool.query(
      `INSERT INTO ${schema}.odd VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'x')`,
      [
        label,
        n,
        -9007199254740991 + (n + 3) * 7,
        label.slice(0, 2),
        n % 2 === 0,
        'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A1' + String(Math.abs(n) % 10),
        '2024-02-29',
        `2024-03-01 12:34:5${Math.abs(n) % 10}.${n % 3 === 0 ? '5' : '120000'}+02`,
        `1999-12-31 23:59:59${n % 2 === 0 ? '' : '.000001'}`,
        `${n}.50`,
      ],
    );
    await t.pool.query(`INSERT INTO ${schema}."Single" VALUES ($1, 'x')`, [label]);
  }
});

afterAll(async () => {
  await t.pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await t.close();
});

describe('record ids and buckets: SQL and Node agree', () => {
  it.each([
    [
      'a composite key of every key type (commas, percent signs, unicode, negatives)',
      () => composite,
    ],
    ['a single text key with a quoted mixed-case name', () => single],
  ])('%s', async (_what, collectionOf) => {
    const collection = collectionOf();
    const reader = new SourceManifestReader(t.pool, registry);
    const fromNode: [string, string][] = [];
    for await (const page of reader.rows(collection, 'default')) {
      for (const row of page) fromNode.push([row.id, bucketPrefixOf(row.id, 4)]);
    }
    const { rows } = await t.pool.query<{ id: string; bucket: string }>(
      `SELECT ${recordIdSql(collection)} AS id, left(md5(${recordIdSql(collection)}), 4) AS bucket
         FROM ${schema}.${collection === single ? '"Single"' : 'odd'}`,
    );
    expect(fromNode).toHaveLength(ODD_TEXT.length);
    expect(new Set(rows.map((row) => `${row.id}|${row.bucket}`))).toEqual(
      new Set(fromNode.map(([id, bucket]) => `${id}|${bucket}`)),
    );
    // And each id names its row: looked up by id, every row is found.
    const ids = fromNode.map(([id]) => id);
    expect(await reader.existingIds(collection, 'default', ids)).toEqual(new Set(ids));
    const { rows: found } = await reader.readForRepair(collection, 'default', ids);
    expect([...found.values()].map((row) => recordIdOf(collection, row.record)).sort()).toEqual(
      [...ids].sort(),
    );
  });
});

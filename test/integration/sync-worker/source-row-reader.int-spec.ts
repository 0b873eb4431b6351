import { CollectionRegistry } from '@syncline/records';
import { SourceRowReader } from '../../../apps/sync-worker/src/services/source-row.reader';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { canonicalRows } from '../support/canonical-rows';

// What the sync-worker reads from Postgres for columns an event lacks: the row as it is now, at a
// version no older state can claim, on a composite key and on WAL-position versions.
const t = testClients('row-reader');
const org = t.tenant('org');
let registry: CollectionRegistry;
let reader: SourceRowReader;

const position = async (): Promise<number> =>
  Number(
    (
      await t.pool.query<{ p: string }>(
        `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS p`,
      )
    ).rows[0].p,
  );

beforeAll(async () => {
  registry = await t.collections();
  reader = new SourceRowReader(t.pool, registry);
});

afterAll(async () => {
  await t.pool.query('DELETE FROM inventory.stock_levels WHERE org = $1', [org]);
  await t.close();
});

describe(SourceRowReader.name, () => {
  it('reads a row by a composite record id within its tenant, at its version column', async () => {
    const stock = registry.byCollectionName('stock_level');
    const sku = 'BOLT-10';
    await t.pool.query(
      `INSERT INTO inventory.stock_levels (org, warehouse_id, sku, on_hand, rev) VALUES ($1, 3, $2, 4, 9)`,
      [org, sku],
    );
    const id = registry.recordId(stock, { warehouse_id: 3, sku });
    const [expected] = await canonicalRows(
      t.pool,
      registry,
      stock,
      'SELECT * FROM inventory.stock_levels WHERE org = $1 AND warehouse_id = 3 AND sku = $2',
      [org, sku],
    );
    expect(await reader.read(stock, org, id)).toMatchObject({ record: expected, version: 9 });
    expect(await reader.read(stock, `${org}-other`, id)).toBeUndefined();
  });

  it('reads a text key holding any character', async () => {
    const catalog = registry.byCollectionName('SkuCatalog');
    const sku = `A,B%C ${org}`;
    await t.pool.query(`INSERT INTO public."SkuCatalog" ("Sku", "DisplayName") VALUES ($1, 'x')`, [
      sku,
    ]);
    try {
      const read = await reader.read(catalog, 'default', registry.recordId(catalog, { Sku: sku }));
      expect(read?.record).toMatchObject({ Sku: sku, DisplayName: 'x' });
    } finally {
      await t.pool.query(`DELETE FROM public."SkuCatalog" WHERE "Sku" = $1`, [sku]);
    }
  });

  it('on WAL-position versions, waits for an uncommitted writer and claims a position above its change', async () => {
    const warehouses = registry.byCollectionName('warehouses');
    const { rows } = await t.pool.query<{ id: number }>(
      `INSERT INTO inventory.warehouses (code, city) VALUES ($1, 'Old') RETURNING id`,
      [org.slice(-4).toUpperCase()],
    );
    const id = String(rows[0].id);
    const writer = await t.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE inventory.warehouses SET city = 'New' WHERE id = $1`, [id]);
      const changedAt = await position(); // at or above the uncommitted change's position
      const read = reader.read(warehouses, 'default', id);
      // The read waits on the writer's row lock (a signal from Postgres, not a sleep).
      await expectEventually(async () => {
        const { rows: waiting } = await t.pool.query(
          `SELECT 1 FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`,
        );
        expect(waiting.length).toBeGreaterThan(0);
      });
      await writer.query('COMMIT');
      const result = await read;
      expect(result?.record).toMatchObject({ city: 'New' });
      expect(result?.version).toBeGreaterThan(changedAt);
    } finally {
      writer.release();
      await t.pool.query('DELETE FROM inventory.warehouses WHERE id = $1', [id]);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { RecordCacheRepository } from '@syncline/cache';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import {
  CacheManifestReader,
  contentDigest,
  ContentReplacer,
  ReachabilityProbe,
  ReconcileCacheUseCase,
  ReconcileCommand,
  SourceManifestReader,
} from '@syncline/reconcile';
import { expectEventually } from '../support/expect-eventually';
import { testClients } from '../support/test-clients';
import { removeKeys, unlinkEach } from '../support/test-redis';

// Repairs of a WAL-position collection (SkuCatalog: no version column) claim only safe versions:
// the row read FOR SHARE waits for an uncommitted writer, and the position read after it is above
// that writer's change, so the late CDC event of the change (or any older one) cannot overwrite
// the repair, and the repair never writes a state older than one already cached. An orphan's
// removal is a compare-and-delete on the version seen: a newer write wins.
const t = testClients('recon-wal');
let registry: CollectionRegistry;
let skus: CollectionDefinition;
let source: SourceManifestReader;
const suffix = randomUUID().slice(0, 8);

const ref = (id: string) => ({ tenant: 'default', entity: 'SkuCatalog', id });

async function position(client: { query: typeof t.pool.query } = t.pool): Promise<number> {
  const { rows } = await client.query<{ p: string }>(
    `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS p`,
  );
  return Number(rows[0].p);
}

function useCase(reader: SourceManifestReader, cache = t.cache): ReconcileCacheUseCase {
  return new ReconcileCacheUseCase(
    reader,
    new CacheManifestReader(t.cache, t.redis),
    cache,
    new ContentReplacer(t.redis, t.keys),
    registry,
    new ReachabilityProbe(t.pool, t.redis),
    { graceMs: 0 },
  );
}

beforeAll(async () => {
  registry = await t.collections();
  skus = registry.byCollectionName('SkuCatalog');
  source = new SourceManifestReader(t.pool, registry);
});

afterAll(async () => {
  await removeKeys(t.redis, `${t.keys.namespace}:*`);
  await t.close();
});

describe('reconcile cache repairs of WAL-position collections', () => {
  it('reads a row being updated only after the update commits, at a position above its change', async () => {
    const sku = `LOCK-${suffix}`;
    await t.pool.query(`INSERT INTO "SkuCatalog" ("Sku", "DisplayName") VALUES ($1, 'before')`, [
      sku,
    ]);
    const writer = await t.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE "SkuCatalog" SET "DisplayName" = 'after' WHERE "Sku" = $1`, [sku]);
      const changeAt = await position(writer);
      const read = source.readForRepair(skus, 'default', [sku]);
      // The reader waits on the writer's row lock (a signal from Postgres, not a sleep).
      await expectEventually(async () => {
        const { rows } = await t.pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%FOR SHARE%'`,
        );
        expect(rows[0].waiting).toBeGreaterThan(0);
      });
      await writer.query('COMMIT');
      const { position: claimed, rows } = await read;
      expect(rows.get(sku)?.record.DisplayName).toBe('after');
      expect(claimed).toBeGreaterThan(changeAt);
      // The update's CDC event arriving after the repair (its LSN is below the claim) is a no-op;
      // an older state even more so.
      await t.cache.apply({
        ...ref(sku),
        kind: 'upsert',
        version: claimed,
        data: rows.get(sku)?.record ?? {},
      });
      expect(
        await t.cache.apply({
          ...ref(sku),
          kind: 'upsert',
          version: changeAt,
          data: { Sku: sku, DisplayName: 'before' },
        }),
      ).toBe('stale');
      expect(await t.cache.get(ref(sku))).toMatchObject({
        deleted: false,
        version: claimed,
        data: { DisplayName: 'after' },
      });
    } finally {
      writer.release();
    }
  });

  it('never overwrites a newer cached write, and never removes a key rewritten after it was seen', async () => {
    const [raced, plain] = [`RACE-${suffix}`, `PLAIN-${suffix}`];
    await t.pool.query(
      `INSERT INTO "SkuCatalog" ("Sku", "DisplayName") VALUES ($1, 'row'), ($2, 'row')`,
      [raced, plain],
    );
    // Seed the cache with every row of the table, then lose two rows and plant two orphans.
    const seeded = await position();
    for await (const page of source.rows(skus, 'default')) {
      await t.cache.applyMany(
        page.map((row) => ({
          ...ref(row.id),
          kind: 'upsert' as const,
          version: seeded,
          data: row.record,
        })),
      );
    }
    await unlinkEach(t.redis, [t.keys.record(ref(raced)), t.keys.record(ref(plain))]);
    const [racedOrphan, plainOrphan] = [`GONE-1-${suffix}`, `GONE-2-${suffix}`];
    for (const id of [racedOrphan, plainOrphan]) {
      await t.cache.apply({ ...ref(id), kind: 'upsert', version: 5, data: { Sku: id } });
    }
    // "CDC wins the race": right after the reconciler read Postgres, before it writes, a newer
    // write of the same record lands in the cache.
    const far = 2 ** 52;
    const newer = (id: string) =>
      t.cache.apply({
        ...ref(id),
        kind: 'upsert',
        version: far,
        data: { Sku: id, DisplayName: 'newer' },
      });
    // (The repair's write is raced after the second look read the cache; the orphan's removal
    // after Postgres said it has no row.)
    const racingCache = Object.assign(Object.create(t.cache) as RecordCacheRepository, {
      applyMany: async (writes: Parameters<RecordCacheRepository['applyMany']>[0]) => {
        if (writes.some((write) => write.id === raced)) await newer(raced);
        return t.cache.applyMany(writes);
      },
    });
    const racing = Object.assign(Object.create(source) as SourceManifestReader, {
      existingIds: async (...args: Parameters<SourceManifestReader['existingIds']>) => {
        const found = await source.existingIds(...args);
        if (args[2].includes(racedOrphan)) await newer(racedOrphan);
        return found;
      },
    });
    const report = await useCase(racing, racingCache).execute(
      new ReconcileCommand('cache', { tenant: 'default', entity: 'SkuCatalog' }),
    );
    const row = report.rows.find((r) => r.entity === 'SkuCatalog');
    // Only the unraced ones were written: the guards refused the two older writes.
    expect(row).toMatchObject({ missing: 2, orphan: 2, repaired: 2, errors: 0 });
    expect(await t.cache.get(ref(raced))).toMatchObject({
      version: far,
      data: { DisplayName: 'newer' },
    });
    expect(await t.cache.get(ref(racedOrphan))).toMatchObject({ deleted: false, version: far });
    expect(await t.cache.get(ref(plainOrphan))).toMatchObject({ deleted: true, version: 5 });
    const plainNow = await t.cache.get(ref(plain));
    expect(plainNow).toMatchObject({ deleted: false, data: { Sku: plain, DisplayName: 'row' } });
    expect(plainNow?.version).toBeGreaterThan(seeded);
  });

  it('fixes same-version content only while the record holds exactly what was seen', async () => {
    const replacer = new ContentReplacer(t.redis, t.keys);
    const item = (id: string) => ({ tenant: 'acme', entity: 'stock_level', id });
    const bad = JSON.stringify({ on_hand: 1 });
    const seen = { version: 4, digest: contentDigest(bad) };
    const good = JSON.stringify({ on_hand: 2 });
    const at = await position();
    for (const id of ['1,A', '1,B', '1,C']) {
      await t.cache.apply({ ...item(id), kind: 'upsert', version: 4, data: { on_hand: 1 } });
    }
    await t.cache.apply({ ...item('1,B'), kind: 'upsert', version: 5, data: { on_hand: 9 } });
    await t.redis.hset(t.keys.record(item('1,C')), 'd', JSON.stringify({ on_hand: 3 }));
    expect(await replacer.replace(item('1,A'), seen, good, at)).toBe(true);
    // A newer version, or other data written since the look: left alone.
    expect(await replacer.replace(item('1,B'), seen, good, at)).toBe(false);
    expect(await replacer.replace(item('1,C'), seen, good, at)).toBe(false);
    expect(
      (await t.cache.getMany(['1,A', '1,B', '1,C'].map(item))).map(
        (r) => r && !r.deleted && r.data,
      ),
    ).toEqual([{ on_hand: 2 }, { on_hand: 9 }, { on_hand: 3 }]);
  });
});

import { randomUUID } from 'node:crypto';
import { raceRig } from './read-race-support';

// Issue 12: WAL-position versions never let an older state overwrite a newer one when a lazy
// load (a cache miss read from Postgres) races CDC of updates of the same row. public."SkuCatalog"
// has a text key and no version column: the lazy load reads the row FOR SHARE and claims
// pg_current_wal_insert_lsn() read after it in the same transaction. Each trial drops the cached
// entry before every read (an eviction), so every read is a miss that races the updates' CDC.
const TRIALS = 400;
const PARALLEL = 8;
const SQL_UPDATES = 3;
const LAZY_LOADS = 3;

let rig: Awaited<ReturnType<typeof raceRig>>;
const prefix = `race-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  rig = await raceRig('read-lazy-race', 'public', 'SkuCatalog');
});

afterAll(async () => {
  await rig?.t.pool.query(`DELETE FROM public."SkuCatalog" WHERE "Sku" LIKE $1`, [`${prefix}%`]);
  await rig?.close();
});

let lazyLoads = 0;

async function trial(index: number): Promise<string | undefined> {
  const tenant = rig.collection.fixedTenant ?? 'default';
  // A text key with characters that need escaping in URLs and cache keys.
  const id = `${prefix}/${index},ä %`;
  await rig.t.pool.query(
    `INSERT INTO public."SkuCatalog" ("Sku", "DisplayName", "UnitPrice") VALUES ($1, 'new', 0)`,
    [id],
  );
  const key = rig.t.keys.record({ tenant, entity: rig.collection.name, id });
  await Promise.all([
    (async () => {
      for (let n = 1; n <= SQL_UPDATES; n++)
        await rig.sqlUpdate(
          `UPDATE public."SkuCatalog" SET "DisplayName" = $2, "UnitPrice" = "UnitPrice" + 1 WHERE "Sku" = $1`,
          [id, `sql-${index}-${n}`],
        );
    })(),
    (async () => {
      for (let n = 1; n <= LAZY_LOADS; n++) {
        await rig.t.redis.unlink(key);
        const found = await rig.reads.execute(rig.collection, tenant, [id]);
        if (found.has(id)) lazyLoads++;
      }
    })(),
  ]);
  // The insert and every SQL update each produced one CDC event.
  await rig.cdc.waitForEvents(id, 1 + SQL_UPDATES);
  return rig.divergence(tenant, id);
}

describe('a lazy load racing CDC of updates of the same row (WAL-position versions)', () => {
  it(`leaves the cache equal to Postgres in every one of ${TRIALS} trials`, async () => {
    const divergent = await rig.runTrials(TRIALS, PARALLEL, trial);
    const misses = await rig.metrics.lookups.get();
    const loadedFromPostgres = misses.values
      .filter((value) => value.labels.result === 'miss')
      .reduce((sum, value) => sum + value.value, 0);
    console.log(
      `lazy-load race (CDC: ${rig.cdc.mode}): ${TRIALS} trials (${SQL_UPDATES} SQL updates and ${LAZY_LOADS} cache-miss ` +
        `reads each), ${divergent.length} divergent; ${loadedFromPostgres} of ${lazyLoads} reads ` +
        `loaded the row from Postgres, ${rig.cdc.mode === 'applier' ? rig.cdc.staleEvents : '(not counted)'} CDC events were refused as older ` +
        `than a lazy load`,
    );
    expect(divergent).toEqual([]);
    expect(loadedFromPostgres).toBeGreaterThan(TRIALS);
  }, 180_000);
});

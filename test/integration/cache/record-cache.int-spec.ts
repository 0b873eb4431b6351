import { randomUUID } from 'node:crypto';
import {
  CachedRecord,
  CacheKeyBuilder,
  CacheWrite,
  RecordCacheRepository,
  RecordRef,
  RedisClient,
  WriteOutcome,
} from '@syncline/cache';
import { stackEnv } from '../support/stack-env';
import { removeKeys, testRedis } from '../support/test-redis';

// The version guard and truncate markers against the test stack's real Redis (the Lua scripts run
// there, not in a fake). Every key lives under this run's own namespace and is removed at the end.
const env = stackEnv();
const runNamespace = `t-cache-${randomUUID().slice(0, 8)}`;
const TOMBSTONE_TTL_MS = 60_000;

let redis: RedisClient;
let namespaces = 0;

/** A repository on a namespace of its own, so no test sees another's records or markers. */
function freshCache(): RecordCacheRepository {
  namespaces += 1;
  return new RecordCacheRepository(
    redis,
    new CacheKeyBuilder(`${runNamespace}-${namespaces}`),
    TOMBSTONE_TTL_MS,
  );
}

const ref = (tenant: string, id: string, entity = 'contact'): RecordRef => ({ tenant, entity, id });
const upsert = (
  at: RecordRef,
  version: number,
  data: Record<string, unknown> = { version },
  lsn?: number,
): CacheWrite => ({ ...at, kind: 'upsert', version, data, ...(lsn === undefined ? {} : { lsn }) });
const upsertTtl = (at: RecordRef, version: number, ttlSeconds: number): CacheWrite => ({
  ...at,
  kind: 'upsert',
  version,
  data: { version },
  ttlSeconds,
});
const remove = (at: RecordRef, version: number, lsn?: number): CacheWrite => ({
  ...at,
  kind: 'delete',
  version,
  ...(lsn === undefined ? {} : { lsn }),
});

beforeAll(async () => {
  redis = testRedis(env);
  expect(await redis.ping()).toBe('PONG');
});

afterAll(async () => {
  // Records, tombstones and truncate markers of every namespace this file used.
  await removeKeys(redis, `${runNamespace}-*`);
  expect(await removeKeys(redis, `${runNamespace}-*`)).toBe(0);
  await redis.quit();
});

describe(RecordCacheRepository.name, () => {
  describe('version guard', () => {
    it('applies a higher version, calls a lower one stale and the same upsert a duplicate', async () => {
      const cache = freshCache();
      const at = ref('acme', randomUUID());

      expect(await cache.apply(upsert(at, 5, { name: 'five' }))).toBe('applied');
      expect(await cache.apply(upsert(at, 4, { name: 'four' }))).toBe('stale');
      expect(await cache.get(at)).toEqual({
        ...at,
        deleted: false,
        version: 5,
        data: { name: 'five' },
      });

      // A redelivery: the cache already holds this version, so nothing is rewritten.
      expect(await cache.apply(upsert(at, 5, { name: 'five, redelivered' }))).toBe('duplicate');
      expect(await cache.get(at)).toMatchObject({ version: 5, data: { name: 'five' } });

      expect(await cache.apply(upsert(at, 6, { name: 'six' }))).toBe('applied');
      expect(await cache.get(at)).toMatchObject({ version: 6, data: { name: 'six' } });
    });

    it('lets a delete beat an upsert of the same version, and keeps the tombstone against it', async () => {
      const cache = freshCache();
      const at = ref('acme', randomUUID());

      expect(await cache.apply(upsert(at, 7))).toBe('applied');
      // A delete event carries the version of the row it removed.
      expect(await cache.apply(remove(at, 7))).toBe('applied');
      expect(await cache.get(at)).toEqual({ ...at, deleted: true, version: 7 });

      // The upsert of that version arriving late must not bring the row back.
      expect(await cache.apply(upsert(at, 7))).toBe('stale');
      expect(await cache.apply(remove(at, 7))).toBe('duplicate');
      expect(await cache.apply(upsert(at, 6))).toBe('stale');
      expect(await cache.apply(remove(at, 6))).toBe('stale');
      expect(await cache.get(at)).toEqual({ ...at, deleted: true, version: 7 });
    });

    it('does not let a delete of an older version remove a newer row', async () => {
      const cache = freshCache();
      const at = ref('acme', randomUUID());
      expect(await cache.apply(upsert(at, 9, { name: 'nine' }))).toBe('applied');
      expect(await cache.apply(remove(at, 8))).toBe('stale');
      expect(await cache.get(at)).toMatchObject({ deleted: false, version: 9 });
    });

    it('gives a tombstone a TTL of at most the configured one, and a live record none', async () => {
      const cache = freshCache();
      const at = ref('acme', randomUUID());
      const key = cache.keys.record(at);

      expect(await cache.apply(remove(at, 3))).toBe('applied');
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(TOMBSTONE_TTL_MS);

      // The row was inserted again (the sequence gives it a higher version): it must not expire.
      expect(await cache.apply(upsert(at, 4, { back: true }))).toBe('applied');
      expect(await redis.pttl(key)).toBe(-1);
      expect(await cache.get(at)).toEqual({
        ...at,
        deleted: false,
        version: 4,
        data: { back: true },
      });

      const fresh = ref('acme', randomUUID());
      await cache.apply(upsert(fresh, 1));
      expect(await redis.pttl(cache.keys.record(fresh))).toBe(-1);
    });

    it('stores the canonical JSON exactly, nested values and non-ASCII text included', async () => {
      const cache = freshCache();
      const at = ref('acme', randomUUID());
      const data = {
        email: 'zoë@example.com',
        custom_fields: { tags: ['vip', '東京'], nested: { n: 1.5, ok: true, none: null } },
        amount: '1234.50',
        version: 12,
      };
      await cache.apply(upsert(at, 12, data));
      expect(await cache.get(at)).toEqual({ ...at, deleted: false, version: 12, data });
    });
  });

  describe("a collection's TTL", () => {
    it('expires an upsert ttlSeconds after its last write; a duplicate does not extend it', async () => {
      const cache = freshCache();
      const at = ref('acme', 'sku-1', 'SkuCatalog');
      const key = cache.keys.record(at);
      expect(await cache.apply(upsertTtl(at, 1, 100))).toBe('applied');
      const first = await redis.pttl(key);
      expect(first).toBeGreaterThan(90_000);
      expect(first).toBeLessThanOrEqual(100_000);
      await redis.pexpire(key, 50_000); // as if 50 s had passed
      expect(await cache.apply(upsertTtl(at, 1, 100))).toBe('duplicate');
      expect(await redis.pttl(key)).toBeLessThanOrEqual(50_000);
      expect(await cache.apply(upsertTtl(at, 2, 100))).toBe('applied');
      expect(await redis.pttl(key)).toBeGreaterThan(90_000);
    });

    it('keeps an entry without a TTL, and a delete gets the tombstone TTL whatever the collection', async () => {
      const cache = freshCache();
      const at = ref('acme', '7,BOLT', 'stock_level');
      const key = cache.keys.record(at);
      await cache.apply(upsertTtl(at, 1, 100));
      await cache.apply(upsert(at, 2)); // the collection's TTL was removed from its config
      expect(await redis.pttl(key)).toBe(-1);
      await cache.apply(remove(at, 3));
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(TOMBSTONE_TTL_MS - 10_000);
      expect(ttl).toBeLessThanOrEqual(TOMBSTONE_TTL_MS);
    });

    it('applies each TTL of a batch to its own record', async () => {
      const cache = freshCache();
      const [a, b] = [ref('t', 'a', 'x'), ref('t', 'b', 'y')];
      await cache.applyMany([upsertTtl(a, 1, 30), upsert(b, 1)]);
      expect(await redis.ttl(cache.keys.record(a))).toBeGreaterThan(20);
      expect(await redis.ttl(cache.keys.record(b))).toBe(-1);
    });
  });

  describe('truncate markers', () => {
    it('removes records written before the TRUNCATE or without an LSN, keeps later ones, across tenants', async () => {
      const cache = freshCache();
      const oldCdc = ref('acme', randomUUID());
      const newer = ref('globex', randomUUID());
      const noLsn = ref('acme', randomUUID());
      const atMarker = ref('globex', randomUUID());
      const oldTombstone = ref('acme', randomUUID());
      const otherEntity = ref('acme', randomUUID(), 'deal');

      expect(
        await cache.applyMany([
          upsert(oldCdc, 1, { v: 1 }, 100),
          upsert(newer, 2, { v: 2 }, 300),
          upsert(noLsn, 3, { v: 3 }),
          upsert(atMarker, 4, { v: 4 }, 200),
          remove(oldTombstone, 6, 150),
          upsert(otherEntity, 5, { v: 5 }, 100),
        ]),
      ).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied']);

      expect(await cache.truncateEntity('contact', 200)).toBe(3);

      const [a, b, c, d, e, f] = await cache.getMany([
        oldCdc,
        newer,
        noLsn,
        atMarker,
        oldTombstone,
        otherEntity,
      ]);
      expect(a).toBeUndefined();
      expect(b).toMatchObject({ deleted: false, version: 2 });
      expect(c).toBeUndefined();
      expect(d).toMatchObject({ deleted: false, version: 4 });
      expect(e).toBeUndefined();
      // TRUNCATE is per table: deals keep their records.
      expect(f).toMatchObject({ deleted: false, version: 5 });
    });

    it('afterwards refuses changes logged before it, and takes non-CDC writes and later changes', async () => {
      const cache = freshCache();
      const kept = ref('acme', randomUUID());
      await cache.apply(upsert(kept, 2, { v: 2 }, 300));
      await cache.truncateEntity('contact', 200);

      const late = ref('acme', randomUUID());
      const lazyLoaded = ref('acme', randomUUID());
      const later = ref('globex', randomUUID());
      const atMarker = ref('globex', randomUUID());
      const deal = ref('acme', randomUUID(), 'deal');
      expect(
        await cache.applyMany([
          upsert(late, 10, { v: 10 }, 150), // an insert logged before the TRUNCATE, arriving late
          upsert(kept, 11, { v: 11 }, 199), // a higher version, but still from before it
          remove(late, 12, 199),
          upsert(lazyLoaded, 13, { v: 13 }), // a path with no position (0): not checked
          upsert(later, 14, { v: 14 }, 250),
          upsert(atMarker, 15, { v: 15 }, 200),
          upsert(deal, 16, { v: 16 }, 150), // another table's marker is not this one
        ]),
      ).toEqual(['stale', 'stale', 'stale', 'applied', 'applied', 'applied', 'applied']);

      const [lateRecord, keptRecord] = await cache.getMany([late, kept]);
      expect(lateRecord).toBeUndefined();
      expect(keptRecord).toMatchObject({ version: 2, data: { v: 2 } });
    });

    it('never lowers the marker: a redelivered older TRUNCATE does not reopen the window', async () => {
      const cache = freshCache();
      await cache.truncateEntity('contact', 200);
      await cache.truncateEntity('contact', 50);
      const at = ref('acme', randomUUID());
      expect(await cache.apply(upsert(at, 1, { v: 1 }, 150))).toBe('stale');
      expect(await redis.get(cache.keys.truncateMarkers('contact')[0])).toBe('200');
    });

    it('removes every matching record when the entity spans many SCAN pages', async () => {
      const cache = freshCache();
      const refs = Array.from({ length: 1500 }, (_, i) => ref(`t${i % 7}`, randomUUID()));
      await cache.applyMany(refs.map((at, i) => upsert(at, i + 1, { i }, i % 2 === 0 ? 10 : 500)));
      expect(await cache.truncateEntity('contact', 100)).toBe(750);
      const left = await cache.getMany(refs);
      expect(left.filter((record) => record !== undefined)).toHaveLength(750);
      expect(
        left.every((record, i) => (i % 2 === 0 ? record === undefined : record?.version === i + 1)),
      ).toBe(true);
    });
  });

  describe('applyMany', () => {
    it('returns one outcome per write, in order, applying writes to one key in sequence', async () => {
      const cache = freshCache();
      const a = ref('acme', randomUUID());
      const b = ref('acme', randomUUID());
      const c = ref('globex', randomUUID());

      const outcomes = await cache.applyMany([
        upsert(a, 2, { a: 2 }),
        upsert(a, 1, { a: 1 }),
        upsert(a, 2, { a: 2 }),
        remove(b, 1),
        remove(a, 2),
        upsert(a, 3, { a: 3 }),
        upsert(c, 1, { c: 1 }, 5),
      ]);
      expect(outcomes).toEqual<WriteOutcome[]>([
        'applied',
        'stale',
        'duplicate',
        'applied',
        'applied',
        'applied',
        'applied',
      ]);
      expect(await cache.getMany([a, b, c])).toEqual<(CachedRecord | undefined)[]>([
        { ...a, deleted: false, version: 3, data: { a: 3 } },
        { ...b, deleted: true, version: 1 },
        { ...c, deleted: false, version: 1, data: { c: 1 } },
      ]);
    });

    it('keeps outcomes aligned with writes in a batch of thousands', async () => {
      const cache = freshCache();
      const ids = Array.from({ length: 401 }, () => ref('acme', randomUUID()));
      // Three rounds over the same records: new (applied), older (stale), same (duplicate).
      const writes = [
        ...ids.map((at) => upsert(at, 2)),
        ...ids.map((at) => upsert(at, 1)),
        ...ids.map((at) => upsert(at, 2)),
      ];
      const outcomes = await cache.applyMany(writes);
      expect(outcomes).toHaveLength(writes.length);
      expect(outcomes).toEqual([
        ...ids.map((): WriteOutcome => 'applied'),
        ...ids.map((): WriteOutcome => 'stale'),
        ...ids.map((): WriteOutcome => 'duplicate'),
      ]);
    });

    it('returns nothing for no writes', async () => {
      expect(await freshCache().applyMany([])).toEqual([]);
    });
  });

  describe('getMany', () => {
    it('answers per ref: the record, undefined where there is none, a tombstone for a delete', async () => {
      const cache = freshCache();
      const live = ref('acme', randomUUID());
      const missing = ref('acme', randomUUID());
      const deleted = ref('acme', randomUUID());
      await cache.applyMany([upsert(live, 4, { name: 'live' }), remove(deleted, 9)]);

      expect(await cache.getMany([live, missing, deleted, live])).toEqual([
        { ...live, deleted: false, version: 4, data: { name: 'live' } },
        undefined,
        { ...deleted, deleted: true, version: 9 },
        { ...live, deleted: false, version: 4, data: { name: 'live' } },
      ]);
      expect(await cache.getMany([])).toEqual([]);
      expect(await cache.get(missing)).toBeUndefined();
    });

    it('hands out the stored JSON as is with getManyJson, for one key and for many', async () => {
      const cache = freshCache();
      const live = ref('acme', randomUUID());
      const deleted = ref('acme', randomUUID());
      const data = { name: 'Zoë', custom_fields: { tags: ['東京'] }, amount: '1.50' };
      await cache.applyMany([upsert(live, 7, data), remove(deleted, 8)]);
      const stored = await redis.hget(cache.keys.record(live), 'd');

      expect(await cache.getManyJson([live])).toEqual([
        { deleted: false, version: 7, json: stored },
      ]);
      expect(await cache.getManyJson([deleted, ref('acme', randomUUID()), live])).toEqual([
        { deleted: true, version: 8 },
        undefined,
        { deleted: false, version: 7, json: stored },
      ]);
      expect(JSON.parse(stored ?? '')).toEqual(data);
    });

    it("does not read another namespace's record", async () => {
      const mine = freshCache();
      const theirs = freshCache();
      const at = ref('acme', randomUUID());
      await theirs.apply(upsert(at, 1));
      expect(await mine.get(at)).toBeUndefined();
    });
  });

  describe('clearEntity', () => {
    it("removes one tenant's records of the entity and leaves other tenants, entities and namespaces", async () => {
      const cache = freshCache();
      const other = freshCache();
      const acme1 = ref('acme', randomUUID());
      const acme2 = ref('acme', randomUUID());
      const acmeDeal = ref('acme', randomUUID(), 'deal');
      const acmeLonger = ref('acme2', randomUUID());
      const globex = ref('globex', randomUUID());
      await cache.applyMany([
        upsert(acme1, 1),
        remove(acme2, 2),
        upsert(acmeDeal, 3),
        upsert(acmeLonger, 4),
        upsert(globex, 5),
      ]);
      await other.apply(upsert(acme1, 1));

      expect(await cache.clearEntity('contact', 'acme')).toBe(2);
      const [a1, a2, deal, longer, g] = await cache.getMany([
        acme1,
        acme2,
        acmeDeal,
        acmeLonger,
        globex,
      ]);
      expect(a1).toBeUndefined();
      expect(a2).toBeUndefined();
      expect(deal).toMatchObject({ version: 3 });
      expect(longer).toMatchObject({ version: 4 });
      expect(g).toMatchObject({ version: 5 });
      expect(await other.get(acme1)).toMatchObject({ version: 1 });

      // Without a tenant: every tenant's records of the entity, still no other entity.
      expect(await cache.clearEntity('contact')).toBe(2);
      expect(await cache.getMany([acmeLonger, globex, acmeDeal])).toEqual([
        undefined,
        undefined,
        expect.objectContaining({ version: 3 }),
      ]);
    });
  });
});

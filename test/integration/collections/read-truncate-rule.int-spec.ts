import { RecordCacheRepository, RecordRef } from '@syncline/cache';
import { loadConfig } from '@syncline/config';
import { CollectionDefinition, recordIdOf } from '@syncline/records';
import { createSourcePool, SourceRecordRepository } from '@syncline/source';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { testClients } from '../support/test-clients';
import { removeKeys } from '../support/test-redis';

// The TRUNCATE rule on a WAL-position collection (public."SkuCatalog"): the position a
// write-through or a lazy load claims is also the one its write is checked against a table's
// truncate marker with, so a write that read or wrote the row before a TRUNCATE loses to it.
const t = testClients('read-truncate');
const prefix = `trunc-${randomUUID().slice(0, 8)}`;
const tenant = 'default';
let skus: CollectionDefinition;
let sourcePool: Pool;
let source: SourceRecordRepository;
let cache: RecordCacheRepository;

async function walPositionNow(): Promise<number> {
  const { rows } = await t.pool.query<{ p: string }>(
    `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS p`,
  );
  return Number(rows[0].p);
}

/** A committed change elsewhere, so that a later position is strictly higher. */
async function commitSomething(): Promise<void> {
  await t.pool.query(`INSERT INTO public."SkuCatalog" ("Sku", "DisplayName") VALUES ($1, 'x')`, [
    `${prefix}-other-${randomUUID()}`,
  ]);
}

beforeAll(async () => {
  const collections = await t.collections();
  skus = collections.findByTable('public', 'SkuCatalog')!;
  sourcePool = createSourcePool(loadConfig(t.env).postgres, 2, 'read-truncate');
  source = new SourceRecordRepository(sourcePool, collections);
  cache = t.cache;
});

afterAll(async () => {
  await t.pool.query(`DELETE FROM public."SkuCatalog" WHERE "Sku" LIKE $1`, [`${prefix}%`]);
  await removeKeys(t.redis, `${t.keys.namespace}:*`);
  await sourcePool.end();
  await t.close();
});

function upsert(
  at: RecordRef,
  loaded: { record: Record<string, unknown>; version: number; position: number },
) {
  return {
    ...at,
    kind: 'upsert' as const,
    version: loaded.version,
    data: loaded.record,
    lsn: loaded.position,
  };
}

describe('the TRUNCATE rule with WAL-position versions', () => {
  it('refuses a write-through whose row a later TRUNCATE removed', async () => {
    const written = await source.insert(skus, tenant, { Sku: `${prefix}-wt`, DisplayName: 'a' });
    expect(written.version).toBe(written.position);
    await commitSomething();
    await cache.truncateEntity(skus.name, await walPositionNow());
    const at = { tenant, entity: skus.name, id: recordIdOf(skus, written.record) };
    expect(await cache.apply(upsert(at, written))).toBe('stale');
    expect(await cache.get(at)).toBeUndefined();
  });

  it('refuses a lazy load read before the TRUNCATE, takes one read after it', async () => {
    const id = `${prefix}-lazy`;
    await t.pool.query(`INSERT INTO public."SkuCatalog" ("Sku", "DisplayName") VALUES ($1, 'b')`, [
      id,
    ]);
    const [before] = await source.findManyPositioned(skus, tenant, [id]);
    await commitSomething();
    await cache.truncateEntity(skus.name, await walPositionNow());
    const at = { tenant, entity: skus.name, id };
    expect(await cache.apply(upsert(at, before))).toBe('stale');
    await commitSomething();
    const [after] = await source.findManyPositioned(skus, tenant, [id]);
    expect(after.version).toBeGreaterThan(before.version);
    expect(await cache.apply(upsert(at, after))).toBe('applied');
    expect(await cache.get(at)).toMatchObject({
      version: after.version,
      data: { DisplayName: 'b' },
    });
  });

  it('lets a version-0 write (no safe version) fill only an empty key', async () => {
    const at = { tenant, entity: skus.name, id: `${prefix}-zero` };
    const write = { ...at, kind: 'upsert' as const, version: 0, data: { v: 0 } };
    expect(await cache.apply(write)).toBe('applied');
    expect(await cache.apply({ ...write, version: 5, data: { v: 5 } })).toBe('applied');
    expect(await cache.apply(write)).toBe('stale');
    expect(await cache.get(at)).toMatchObject({ version: 5, data: { v: 5 } });
  });
});

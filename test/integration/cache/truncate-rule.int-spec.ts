import { CacheKeyBuilder, RecordCacheRepository, RecordRef } from '@syncline/cache';
import { CONTACT, EntityRegistry } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { randomUUID } from 'node:crypto';
import { testClients } from '../support/test-clients';

// The TRUNCATE rule for every cache write, on real Postgres and Redis: a write carries the WAL
// position of what it wrote (CDC: the change's LSN; write-through and lazy load: the position
// read in the same statement as the row), and a table's truncate marker above it refuses it.
const t = testClients('truncate-rule');
const tenant = t.tenant('acme');
const source = new SourceRecordRepository(t.pool, new EntityRegistry());
let namespaces = 0;

function freshCache(): RecordCacheRepository {
  namespaces += 1;
  return new RecordCacheRepository(
    t.redis,
    new CacheKeyBuilder(`${t.keys.namespace}-${namespaces}`),
  );
}

/** Where the WAL is now: stands for the position of a TRUNCATE committed from here on. */
async function walPositionNow(): Promise<number> {
  const { rows } = await t.pool.query<{ p: string }>(
    `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS p`,
  );
  return Number(rows[0].p);
}

/** Moves the WAL on (a committed change elsewhere), so that a later position is strictly higher. */
async function commitSomething(): Promise<void> {
  await t.pool.query(`INSERT INTO contacts (tenant_id, email) VALUES ($1, $2)`, [
    tenant,
    `other-${randomUUID()}@example.com`,
  ]);
}

afterAll(async () => {
  const keys = await t.redis.keys(`${t.keys.namespace}-*`);
  if (keys.length > 0) await t.redis.unlink(...keys);
  await t.pool.query(`DELETE FROM contacts WHERE tenant_id = $1`, [tenant]);
  await t.close();
});

describe('the TRUNCATE rule for writes that do not come from CDC', () => {
  it('refuses a write-through whose row a later TRUNCATE removed', async () => {
    const cache = freshCache();
    const { record, position } = await source.insert(CONTACT, tenant, {
      email: `wt-${randomUUID()}@example.com`,
    });
    expect(position).toBeGreaterThan(0);
    await commitSomething();
    // The TRUNCATE commits and its marker lands before the write-through's cache write does.
    await cache.truncateEntity('contact', await walPositionNow());
    const at: RecordRef = { tenant, entity: 'contact', id: record.id as string };
    const write = {
      ...at,
      kind: 'upsert' as const,
      version: record.version as number,
      data: record,
    };
    expect(await cache.apply({ ...write, lsn: position })).toBe('stale');
    expect(await cache.get(at)).toBeUndefined();
  });

  it('refuses a lazy load read before the TRUNCATE, takes one read after it', async () => {
    const cache = freshCache();
    const { record } = await source.insert(CONTACT, tenant, {
      email: `lazy-${randomUUID()}@example.com`,
    });
    const id = record.id as string;
    const [before] = await source.findManyPositioned(CONTACT, tenant, [id]);
    await commitSomething();
    await cache.truncateEntity('contact', await walPositionNow());
    const at: RecordRef = { tenant, entity: 'contact', id };
    const load = (loaded: typeof before) => ({
      ...at,
      kind: 'upsert' as const,
      version: loaded.record.version as number,
      data: loaded.record,
      lsn: loaded.position,
    });
    expect(await cache.apply(load(before))).toBe('stale');
    // The row still exists here (the "TRUNCATE" above is only its marker): a read after it counts.
    await commitSomething();
    const [after] = await source.findManyPositioned(CONTACT, tenant, [id]);
    expect(after.position).toBeGreaterThan(before.position);
    expect(await cache.apply(load(after))).toBe('applied');
    expect(await cache.get(at)).toMatchObject({ version: record.version, deleted: false });
  });
});

describe('the version guard on a duplicate', () => {
  it('raises the stored position: a record written again by a later change survives an earlier TRUNCATE', async () => {
    const cache = freshCache();
    const at: RecordRef = { tenant, entity: 'contact', id: randomUUID() };
    const write = { ...at, kind: 'upsert' as const, version: 7, data: { v: 7 } };
    // Lazy-loaded at position 100, then CDC delivers the change that wrote it at LSN 500.
    expect(await cache.apply({ ...write, lsn: 100 })).toBe('applied');
    expect(await cache.apply({ ...write, lsn: 500 })).toBe('duplicate');
    // A TRUNCATE logged at 300 (before the change at 500): the record outlives it.
    await cache.truncateEntity('contact', 300);
    expect(await cache.get(at)).toMatchObject({ version: 7, deleted: false });
  });

  it('never lowers the stored position on a duplicate', async () => {
    const cache = freshCache();
    const at: RecordRef = { tenant, entity: 'contact', id: randomUUID() };
    const write = { ...at, kind: 'upsert' as const, version: 7, data: { v: 7 } };
    expect(await cache.apply({ ...write, lsn: 500 })).toBe('applied');
    expect(await cache.apply({ ...write, lsn: 0 })).toBe('duplicate');
    await cache.truncateEntity('contact', 300);
    expect(await cache.get(at)).toMatchObject({ version: 7 });
  });
});

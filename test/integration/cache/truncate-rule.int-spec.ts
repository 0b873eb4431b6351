import { CacheKeyBuilder, RecordCacheRepository, RecordRef } from '@syncline/cache';
import { randomUUID } from 'node:crypto';
import { testClients } from '../support/test-clients';
import { removeKeys } from '../support/test-redis';

// The TRUNCATE rule for every cache write, on real Postgres and Redis: a write carries the WAL
// position of what it wrote (CDC: the change's LSN; write-through and lazy load: the position
// read in the same statement as the row), and a table's truncate marker above it refuses it.
const t = testClients('truncate-rule');
const tenant = t.tenant('acme');
const POSITION = `(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS position`;
let namespaces = 0;

function freshCache(): RecordCacheRepository {
  namespaces += 1;
  return new RecordCacheRepository(
    t.redis,
    new CacheKeyBuilder(`${t.keys.namespace}-${namespaces}`),
  );
}

interface Positioned {
  record: { id: string; version: number };
  position: number;
}

const positioned = (row: { id: string; version: string; position: string }): Positioned => ({
  record: { id: row.id, version: Number(row.version) },
  position: Number(row.position),
});

/** A write-through's insert: the row and the WAL position read in the same statement. */
async function insertPositioned(email: string): Promise<Positioned> {
  const { rows } = await t.pool.query<{ id: string; version: string; position: string }>(
    `INSERT INTO contacts (tenant_id, email) VALUES ($1, $2) RETURNING id, version, ${POSITION}`,
    [tenant, email],
  );
  return positioned(rows[0]);
}

/** A lazy load's read: the row and the WAL position read in the same statement. */
async function readPositioned(id: string): Promise<Positioned> {
  const { rows } = await t.pool.query<{ id: string; version: string; position: string }>(
    `SELECT id, version, ${POSITION} FROM contacts WHERE tenant_id = $1 AND id = $2`,
    [tenant, id],
  );
  return positioned(rows[0]);
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
  await removeKeys(t.redis, `${t.keys.namespace}-*`);
  await t.pool.query(`DELETE FROM contacts WHERE tenant_id = $1`, [tenant]);
  await t.close();
});

describe('the TRUNCATE rule for writes that do not come from CDC', () => {
  it('refuses a write-through whose row a later TRUNCATE removed', async () => {
    const cache = freshCache();
    const { record, position } = await insertPositioned(`wt-${randomUUID()}@example.com`);
    expect(position).toBeGreaterThan(0);
    await commitSomething();
    // The TRUNCATE commits and its marker lands before the write-through's cache write does.
    await cache.truncateEntity('contact', await walPositionNow());
    const at: RecordRef = { tenant, entity: 'contact', id: record.id };
    const write = { ...at, kind: 'upsert' as const, version: record.version, data: record };
    expect(await cache.apply({ ...write, lsn: position })).toBe('stale');
    expect(await cache.get(at)).toBeUndefined();
  });

  it('refuses a lazy load read before the TRUNCATE, takes one read after it', async () => {
    const cache = freshCache();
    const { record } = await insertPositioned(`lazy-${randomUUID()}@example.com`);
    const id = record.id;
    const before = await readPositioned(id);
    await commitSomething();
    await cache.truncateEntity('contact', await walPositionNow());
    const at: RecordRef = { tenant, entity: 'contact', id };
    const load = (loaded: Positioned) => ({
      ...at,
      kind: 'upsert' as const,
      version: loaded.record.version,
      data: loaded.record,
      lsn: loaded.position,
    });
    expect(await cache.apply(load(before))).toBe('stale');
    // The row still exists here (the "TRUNCATE" above is only its marker): a read after it counts.
    await commitSomething();
    const after = await readPositioned(id);
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

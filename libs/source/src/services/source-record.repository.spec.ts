import { CONTACT, EntityDefinition, EntityRegistry } from '@syncline/records';
import { Pool } from 'pg';
import { RecordExistsException } from '../exceptions/record-exists.exception';
import { VersionConflictException } from '../exceptions/version-conflict.exception';
import { SourceRecordRepository } from './source-record.repository';

const TENANT = 'acme';
const WAL = `(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS syncline_wal_position`;
const ID = '6f1c1a52-3b1f-4c0a-9d5e-2b9f7a0c1d2e';

// A contacts row as node-postgres returns it: Date for timestamptz, parsed jsonb, bigint as text.
const pgRow = {
  tenant_id: TENANT,
  id: ID,
  company_id: null,
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: null,
  phone: null,
  lifecycle_stage: 'lead',
  status: 'active',
  lead_score: 0,
  do_not_contact: false,
  last_contacted_at: null,
  notes: null,
  custom_fields: { tier: 'gold' },
  version: '1042',
  created_at: new Date('2024-01-15T08:00:00.000Z'),
  updated_at: new Date('2024-03-01T12:35:00.123Z'),
};

interface Call {
  sql: string;
  params: unknown[];
}

/** A Pool that records each query and answers with the next scripted result (rows or error). */
function fakePool(...answers: (Record<string, unknown>[] | Error)[]) {
  const calls: Call[] = [];
  const pool = {
    query: async (sql: string, params: unknown[]) => {
      calls.push({ sql: sql.replace(/\s+/g, ' ').trim(), params });
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected query: ${sql}`);
      if (answer instanceof Error) throw answer;
      return { rows: answer };
    },
  };
  return { pool: pool as unknown as Pool, calls };
}

function pgError(code: string, constraint?: string): Error {
  return Object.assign(new Error(`pg error ${code}`), { code, constraint });
}

describe(SourceRecordRepository.name, () => {
  const registry = new EntityRegistry();

  describe('find', () => {
    it('reads one row by (tenant, id) with bound parameters and returns it canonical', async () => {
      const { pool, calls } = fakePool([pgRow]);
      const record = await new SourceRecordRepository(pool, registry).find(CONTACT, TENANT, ID);
      expect(calls).toEqual([
        { sql: 'SELECT * FROM "contacts" WHERE tenant_id = $1 AND id = $2', params: [TENANT, ID] },
      ]);
      expect(record).toMatchObject({
        version: 1042,
        custom_fields: { tier: 'gold' },
        created_at: '2024-01-15T08:00:00.000Z',
      });
      expect(() => registry.validate(CONTACT, record)).not.toThrow();
    });

    it('returns undefined when the row does not exist', async () => {
      const { pool } = fakePool([]);
      expect(await new SourceRecordRepository(pool, registry).find(CONTACT, TENANT, ID)).toBe(
        undefined,
      );
    });

    it('quotes table names from definitions, doubling embedded quotes', async () => {
      const odd: EntityDefinition = { ...CONTACT, name: 'odd', table: 'we"ird' };
      const { pool, calls } = fakePool([]);
      await new SourceRecordRepository(pool, new EntityRegistry([odd])).find(odd, TENANT, ID);
      expect(calls[0].sql).toContain('FROM "we""ird" WHERE');
    });
  });

  describe('findMany', () => {
    it('reads a tenant’s rows in one query and skips the query for no ids', async () => {
      const { pool, calls } = fakePool([pgRow]);
      const repository = new SourceRecordRepository(pool, registry);
      expect(await repository.findMany(CONTACT, TENANT, [])).toEqual([]);
      const records = await repository.findMany(CONTACT, TENANT, [ID]);
      expect(calls).toEqual([
        {
          sql: 'SELECT * FROM "contacts" WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
          params: [TENANT, [ID]],
        },
      ]);
      expect(records.map((r) => r.version)).toEqual([1042]);
    });
  });

  describe('insert', () => {
    it('inserts the tenant and the body as parameters, jsonb as JSON text', async () => {
      const { pool, calls } = fakePool([{ ...pgRow, syncline_wal_position: '23456789' }]);
      const { record, position } = await new SourceRecordRepository(pool, registry).insert(
        CONTACT,
        TENANT,
        {
          email: 'ada@example.com',
          custom_fields: { tier: 'gold' },
          notes: null,
        },
      );
      expect(calls[0].sql).toBe(
        `INSERT INTO "contacts" ("tenant_id", "email", "custom_fields", "notes") VALUES ($1, $2, $3, $4) RETURNING *, ${WAL}`,
      );
      expect(calls[0].params).toEqual([TENANT, 'ada@example.com', '{"tier":"gold"}', null]);
      expect(record.version).toBe(1042);
      // The position comes with the row, not in it.
      expect(position).toBe(23456789);
      expect(record).not.toHaveProperty('syncline_wal_position');
    });

    it('turns a unique violation into RecordExistsException naming the constraint', async () => {
      const { pool } = fakePool(pgError('23505', 'uq_contacts_tenant_id_email'));
      const insert = new SourceRecordRepository(pool, registry).insert(CONTACT, TENANT, {
        email: 'ada@example.com',
      });
      await expect(insert).rejects.toBeInstanceOf(RecordExistsException);
      await expect(insert).rejects.toMatchObject({
        constraint: 'uq_contacts_tenant_id_email',
        retriable: false,
      });
    });

    it('passes other database errors through unchanged', async () => {
      const failure = pgError('57P01');
      const { pool } = fakePool(failure);
      await expect(
        new SourceRecordRepository(pool, registry).insert(CONTACT, TENANT, { email: 'a@b.co' }),
      ).rejects.toBe(failure);
    });
  });

  describe('update', () => {
    it('sets only the body columns, guarded by the expected version when given', async () => {
      const { pool, calls } = fakePool([{ ...pgRow, first_name: 'Augusta', version: '1043' }]);
      const updated = await new SourceRecordRepository(pool, registry).update(
        CONTACT,
        TENANT,
        ID,
        { first_name: 'Augusta' },
        1042,
      );
      expect(calls[0]).toEqual({
        sql: `UPDATE "contacts" SET "first_name" = $3 WHERE tenant_id = $1 AND id = $2 AND version = $4 RETURNING *, ${WAL}`,
        params: [TENANT, ID, 'Augusta', 1042],
      });
      expect(updated?.record).toMatchObject({ first_name: 'Augusta', version: 1043 });
    });

    it('throws VersionConflictException with the current version when the row moved on', async () => {
      const { pool } = fakePool([], [{ ...pgRow, version: '1050' }]);
      const update = new SourceRecordRepository(pool, registry).update(
        CONTACT,
        TENANT,
        ID,
        { first_name: 'Augusta' },
        1042,
      );
      await expect(update).rejects.toBeInstanceOf(VersionConflictException);
      await expect(update).rejects.toMatchObject({ expectedVersion: 1042, currentVersion: 1050 });
    });

    it('returns undefined when the row does not exist, with or without a precondition', async () => {
      const { pool } = fakePool([], [], []);
      const repository = new SourceRecordRepository(pool, registry);
      expect(await repository.update(CONTACT, TENANT, ID, { notes: 'x' })).toBeUndefined();
      expect(await repository.update(CONTACT, TENANT, ID, { notes: 'x' }, 7)).toBeUndefined();
    });
  });

  describe('delete', () => {
    it('returns the version the deleted row had, as a number', async () => {
      const { pool, calls } = fakePool([{ version: '1042', syncline_wal_position: '99' }]);
      expect(await new SourceRecordRepository(pool, registry).delete(CONTACT, TENANT, ID)).toEqual({
        version: 1042,
        position: 99,
      });
      expect(calls[0]).toEqual({
        sql: `DELETE FROM "contacts" WHERE tenant_id = $1 AND id = $2 RETURNING version, ${WAL}`,
        params: [TENANT, ID],
      });
    });

    it('refuses to delete a row that moved past the expected version', async () => {
      const { pool, calls } = fakePool([], [{ ...pgRow, version: '1050' }]);
      await expect(
        new SourceRecordRepository(pool, registry).delete(CONTACT, TENANT, ID, 1042),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1050 });
      expect(calls[0].sql).toContain('AND version = $3');
      expect(calls[0].params).toEqual([TENANT, ID, 1042]);
    });

    it('returns undefined when there was no row', async () => {
      const { pool } = fakePool([]);
      expect(
        await new SourceRecordRepository(pool, registry).delete(CONTACT, TENANT, ID),
      ).toBeUndefined();
    });
  });
});

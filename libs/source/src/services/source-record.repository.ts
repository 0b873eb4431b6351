import { CanonicalRecord, EntityDefinition, EntityRegistry } from '@syncline/records';
import { Pool } from 'pg';
import { RecordExistsException } from '../exceptions/record-exists.exception';
import { VersionConflictException } from '../exceptions/version-conflict.exception';

// The WAL insert position, in bytes like Debezium's `source.lsn`, read in the same statement as
// the row it comes with (see PositionedRecord).
const WAL_POSITION = `(pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS syncline_wal_position`;

/**
 * What a cache write that does not come from CDC needs to take part in the TRUNCATE rule: the row,
 * and a WAL position read in the same statement as it. A TRUNCATE takes an ACCESS EXCLUSIVE lock,
 * so one that removes this row is logged after the statement's lock is released, at a higher
 * position: the cache's version guard refuses the write when the table's truncate marker is above
 * `position` (libs/cache apply-record.lua).
 */
export interface PositionedRecord {
  record: CanonicalRecord;
  position: number;
}

/**
 * Records of System A (Postgres, the source of truth) in canonical form. SQL names come only from
 * entity definitions, never from input; values are always bound parameters.
 */
export class SourceRecordRepository {
  constructor(
    private readonly pool: Pool,
    private readonly entities: EntityRegistry,
  ) {}

  async find(
    entity: EntityDefinition,
    tenant: string,
    id: string,
  ): Promise<CanonicalRecord | undefined> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT * FROM ${quote(entity.table)} WHERE tenant_id = $1 AND id = $2`,
      [tenant, id],
    );
    return rows[0] ? this.entities.canonicalize(entity, rows[0]) : undefined;
  }

  async findMany(
    entity: EntityDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<CanonicalRecord[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT * FROM ${quote(entity.table)} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenant, ids],
    );
    return rows.map((row) => this.entities.canonicalize(entity, row));
  }

  /** `findMany` for a lazy load into the cache: each record with its WAL position. */
  async findManyPositioned(
    entity: EntityDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<PositionedRecord[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT *, ${WAL_POSITION} FROM ${quote(entity.table)} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenant, ids],
    );
    return rows.map((row) => this.positioned(entity, row));
  }

  /** Inserts a validated create body; returns the stored row (with its id and version). */
  async insert(
    entity: EntityDefinition,
    tenant: string,
    body: Record<string, unknown>,
  ): Promise<PositionedRecord> {
    const columns = ['tenant_id', ...Object.keys(body)];
    const values = [
      tenant,
      ...Object.keys(body).map((name) => toParameter(entity, name, body[name])),
    ];
    const sql = `INSERT INTO ${quote(entity.table)} (${columns.map(quote).join(', ')})
                 VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *, ${WAL_POSITION}`;
    try {
      const { rows } = await this.pool.query<Record<string, unknown>>(sql, values);
      return this.positioned(entity, rows[0]);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
  }

  /**
   * Updates a validated body; with `expectedVersion`, only if the row is still at that version.
   * Returns undefined when the row does not exist; throws `VersionConflictException` on a mismatch.
   */
  async update(
    entity: EntityDefinition,
    tenant: string,
    id: string,
    body: Record<string, unknown>,
    expectedVersion?: number,
  ): Promise<PositionedRecord | undefined> {
    const names = Object.keys(body);
    const values: unknown[] = [
      tenant,
      id,
      ...names.map((name) => toParameter(entity, name, body[name])),
    ];
    let sql = `UPDATE ${quote(entity.table)} SET ${names.map((name, i) => `${quote(name)} = $${i + 3}`).join(', ')}
               WHERE tenant_id = $1 AND id = $2`;
    if (expectedVersion !== undefined) {
      values.push(expectedVersion);
      sql += ` AND version = $${values.length}`;
    }
    try {
      const { rows } = await this.pool.query<Record<string, unknown>>(
        `${sql} RETURNING *, ${WAL_POSITION}`,
        values,
      );
      if (rows[0]) return this.positioned(entity, rows[0]);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
    return this.explainMiss(entity, tenant, id, expectedVersion);
  }

  /** Deletes a row; returns the version it had (and a WAL position), or undefined when there was none. */
  async delete(
    entity: EntityDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<{ version: number; position: number } | undefined> {
    const values: unknown[] = [tenant, id];
    let sql = `DELETE FROM ${quote(entity.table)} WHERE tenant_id = $1 AND id = $2`;
    if (expectedVersion !== undefined) {
      values.push(expectedVersion);
      sql += ` AND version = $3`;
    }
    const { rows } = await this.pool.query<{ version: string; syncline_wal_position?: string }>(
      `${sql} RETURNING version, ${WAL_POSITION}`,
      values,
    );
    if (rows[0])
      return {
        version: Number(rows[0].version),
        position: toPosition(rows[0].syncline_wal_position),
      };
    await this.explainMiss(entity, tenant, id, expectedVersion);
    return undefined;
  }

  private positioned(entity: EntityDefinition, row: Record<string, unknown>): PositionedRecord {
    const { syncline_wal_position: position, ...columns } = row;
    return { record: this.entities.canonicalize(entity, columns), position: toPosition(position) };
  }

  private async explainMiss(
    entity: EntityDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<undefined> {
    if (expectedVersion === undefined) return undefined;
    const current = await this.find(entity, tenant, id);
    if (current) throw new VersionConflictException(expectedVersion, current.version as number);
    return undefined;
  }
}

/** A WAL position as a number (exact up to 2^53 bytes of WAL); 0 = none, unchecked by the cache. */
function toPosition(value: unknown): number {
  const position = Number(value);
  return Number.isSafeInteger(position) && position > 0 ? position : 0;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function toParameter(entity: EntityDefinition, column: string, value: unknown): unknown {
  return entity.columns[column]?.kind === 'jsonb' && value !== null ? JSON.stringify(value) : value;
}

function translateUniqueViolation(error: unknown): unknown {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' ? new RecordExistsException(pgError.constraint) : error;
}

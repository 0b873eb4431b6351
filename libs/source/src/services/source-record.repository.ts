import { CanonicalRecord, EntityDefinition, EntityRegistry } from '@syncline/records';
import { Pool } from 'pg';
import { RecordExistsException } from '../exceptions/record-exists.exception';
import { VersionConflictException } from '../exceptions/version-conflict.exception';

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

  /** Inserts a validated create body; returns the stored row (with its id and version). */
  async insert(
    entity: EntityDefinition,
    tenant: string,
    body: Record<string, unknown>,
  ): Promise<CanonicalRecord> {
    const columns = ['tenant_id', ...Object.keys(body)];
    const values = [
      tenant,
      ...Object.keys(body).map((name) => toParameter(entity, name, body[name])),
    ];
    const sql = `INSERT INTO ${quote(entity.table)} (${columns.map(quote).join(', ')})
                 VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
    try {
      const { rows } = await this.pool.query<Record<string, unknown>>(sql, values);
      return this.entities.canonicalize(entity, rows[0]);
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
  ): Promise<CanonicalRecord | undefined> {
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
      const { rows } = await this.pool.query<Record<string, unknown>>(`${sql} RETURNING *`, values);
      if (rows[0]) return this.entities.canonicalize(entity, rows[0]);
    } catch (error) {
      throw translateUniqueViolation(error);
    }
    return this.explainMiss(entity, tenant, id, expectedVersion);
  }

  /** Deletes a row; returns the version it had, or undefined when there was none. */
  async delete(
    entity: EntityDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<number | undefined> {
    const values: unknown[] = [tenant, id];
    let sql = `DELETE FROM ${quote(entity.table)} WHERE tenant_id = $1 AND id = $2`;
    if (expectedVersion !== undefined) {
      values.push(expectedVersion);
      sql += ` AND version = $3`;
    }
    const { rows } = await this.pool.query<{ version: string }>(`${sql} RETURNING version`, values);
    if (rows[0]) return Number(rows[0].version);
    await this.explainMiss(entity, tenant, id, expectedVersion);
    return undefined;
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

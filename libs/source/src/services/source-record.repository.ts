import {
  CanonicalRecord,
  CollectionDefinition,
  CollectionRegistry,
  DEFAULT_TENANT,
  keyValuesOf,
  recordIdOf,
} from '@syncline/records';
import { Pool, PoolClient, QueryConfig } from 'pg';
import { RAW_TEXT_TYPES } from '../constants/raw-text-types.constant';
import { RecordExistsException } from '../exceptions/record-exists.exception';
import { RecordRejectedException } from '../exceptions/record-rejected.exception';
import { VersionConflictException } from '../exceptions/version-conflict.exception';
import { inTransaction } from '../utils/in-transaction.util';
import {
  quoteIdentifier,
  tableOf,
  toParameter,
  WAL_POSITION_SQL,
  whereKeys,
} from '../utils/source-sql.util';
import { toPosition, walPosition } from '../utils/wal-position.util';

// Bound parameters per statement stay far below Postgres' 65535.
const MAX_PARAMETERS = 30_000;
const POSITION_COLUMN = 'syncline_wal_position';

type Queryable = Pick<Pool | PoolClient, 'query'>;
type Row = Record<string, unknown>;

/**
 * A row for a cache write that does not come from CDC: the canonical record, the version the
 * write may claim and the WAL position read with it (for the TRUNCATE rule). `version` is the
 * version column's value, or for a WAL-position collection a position that is safe: read after
 * the row was written or share-locked, inside that transaction (docs/architecture.md, Versions).
 */
export interface PositionedRecord {
  record: CanonicalRecord;
  version: number;
  position: number;
}

/**
 * Rows of System A (Postgres, the source of truth) in canonical form, for any collection. SQL
 * names come only from collection definitions, quoted; values are always bound parameters; rows
 * come back as Postgres' text output (RAW_TEXT_TYPES) so the canonical form has one source form.
 */
export class SourceRecordRepository {
  constructor(
    private readonly pool: Pool,
    private readonly collections: CollectionRegistry,
  ) {}

  async find(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
  ): Promise<CanonicalRecord | undefined> {
    const [record] = await this.findMany(collection, tenant, [id]);
    return record;
  }

  /** The rows of `ids` (record ids, see recordIdOf) that exist, in no particular order. */
  async findMany(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<CanonicalRecord[]> {
    const records: CanonicalRecord[] = [];
    for (const chunk of this.keyChunks(collection, tenant, ids)) {
      const params: unknown[] = [];
      const where = whereKeys(collection, tenant, chunk, params);
      const rows = await this.rows(
        this.pool,
        `SELECT * FROM ${tableOf(collection)} WHERE ${where}`,
        params,
      );
      for (const row of rows) records.push(this.collections.canonicalize(collection, row));
    }
    return records;
  }

  /**
   * The record ids of the rows whose `column` holds one of these values (compared as text, the
   * way a mapping's identity sends them), keyed by value. Two-way sync finds a CRM record's row by
   * its identity this way when the identity is a column rather than the record id.
   */
  async idsByColumnText(
    collection: CollectionDefinition,
    tenant: string,
    column: string,
    values: readonly string[],
  ): Promise<Map<string, string>> {
    if (!collection.columns[column]) throw new Error(`${collection.name} has no column ${column}`);
    if (values.length === 0) return new Map();
    const params: unknown[] = [[...new Set(values)]];
    const conditions = [`${quoteIdentifier(column)}::text = ANY($1::text[])`];
    if (collection.tenantColumn) {
      params.push(tenant);
      conditions.push(`${quoteIdentifier(collection.tenantColumn)} = $2`);
    }
    const rows = await this.rows(
      this.pool,
      `SELECT * FROM ${tableOf(collection)} WHERE ${conditions.join(' AND ')}`,
      params,
    );
    const ids = new Map<string, string>();
    for (const row of rows) {
      const record = this.collections.canonicalize(collection, row);
      ids.set(String(row[column]), recordIdOf(collection, record));
    }
    return ids;
  }

  /**
   * `findMany` for a lazy load into the cache: each row with the version it may claim. A
   * WAL-position collection's rows are read `FOR SHARE` (waiting for any uncommitted writer of
   * them) and the position after, in one transaction: every change they show is below it, and
   * any later change is logged after our commit, above it.
   */
  async findManyPositioned(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<PositionedRecord[]> {
    const loaded: PositionedRecord[] = [];
    for (const chunk of this.keyChunks(collection, tenant, ids)) {
      const params: unknown[] = [];
      const where = whereKeys(collection, tenant, chunk, params);
      if (collection.versionColumn) {
        // The row's own version; the position only serves the TRUNCATE rule (same statement).
        const rows = await this.rows(
          this.pool,
          `SELECT *, ${WAL_POSITION_SQL} AS ${POSITION_COLUMN} FROM ${tableOf(collection)} WHERE ${where}`,
          params,
        );
        for (const row of rows) loaded.push(this.positioned(collection, row));
        continue;
      }
      const { rows, position } = await inTransaction(this.pool, async (client) => ({
        rows: await this.rows(
          client,
          `SELECT * FROM ${tableOf(collection)} WHERE ${where} FOR SHARE`,
          params,
        ),
        position: await walPosition(client),
      }));
      for (const row of rows) loaded.push(this.positioned(collection, row, position));
    }
    return loaded;
  }

  /** Inserts a validated create body into `tenant`; returns the stored row and its version. */
  async insert(
    collection: CollectionDefinition,
    tenant: string,
    body: Row,
  ): Promise<PositionedRecord> {
    const names = Object.keys(body);
    const values = names.map((name) => toParameter(collection, name, body[name]));
    if (collection.tenantColumn) {
      names.unshift(collection.tenantColumn);
      values.unshift(tenant);
    }
    const sql =
      names.length === 0
        ? `INSERT INTO ${tableOf(collection)} DEFAULT VALUES RETURNING *`
        : `INSERT INTO ${tableOf(collection)} (${names.map(quoteIdentifier).join(', ')})
           VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
    const written = await this.writeAndPosition(sql, values);
    return this.positioned(collection, written.rows[0], written.position);
  }

  /**
   * Updates a validated body; with `expectedVersion` (collections with a version column only),
   * only if the row is still at that version. Returns undefined when the row does not exist;
   * throws `VersionConflictException` on a mismatch.
   */
  async update(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    body: Row,
    expectedVersion?: number,
  ): Promise<PositionedRecord | undefined> {
    const key = this.keyOf(collection, tenant, id);
    if (!key) return undefined;
    const names = Object.keys(body);
    const params: unknown[] = names.map((name) => toParameter(collection, name, body[name]));
    const assignments = names.map((name, i) => `${quoteIdentifier(name)} = $${i + 1}`).join(', ');
    const where = this.whereExpected(collection, tenant, key, params, expectedVersion);
    const written = await this.writeAndPosition(
      `UPDATE ${tableOf(collection)} SET ${assignments} WHERE ${where} RETURNING *`,
      params,
    );
    if (written.rows[0]) return this.positioned(collection, written.rows[0], written.position);
    return this.explainMiss(collection, tenant, id, expectedVersion);
  }

  /** Deletes a row; returns the version its tombstone may claim, or undefined when there was none. */
  async delete(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<{ version: number; position: number } | undefined> {
    const key = this.keyOf(collection, tenant, id);
    if (!key) return undefined;
    const params: unknown[] = [];
    const where = this.whereExpected(collection, tenant, key, params, expectedVersion);
    const written = await this.writeAndPosition(
      `DELETE FROM ${tableOf(collection)} WHERE ${where} RETURNING *`,
      params,
    );
    if (written.rows[0]) {
      const { version, position } = this.positioned(collection, written.rows[0], written.position);
      return { version, position };
    }
    await this.explainMiss(collection, tenant, id, expectedVersion);
    return undefined;
  }

  /**
   * Runs one INSERT/UPDATE/DELETE and reads the WAL insert position after it, in its transaction:
   * the change's own WAL record is below the position; a later writer of the row waits for our
   * commit (whose record is logged after the read) and lands above it.
   */
  private async writeAndPosition(
    sql: string,
    params: unknown[],
  ): Promise<{ rows: Row[]; position: number }> {
    try {
      return await inTransaction(this.pool, async (client) => ({
        rows: await this.rows(client, sql, params),
        position: await walPosition(client),
      }));
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  private whereExpected(
    collection: CollectionDefinition,
    tenant: string,
    key: Row,
    params: unknown[],
    expectedVersion: number | undefined,
  ): string {
    let where = whereKeys(collection, tenant, [key], params);
    if (expectedVersion !== undefined) {
      // A WAL-position version is not stored in the row: it cannot be compared in SQL.
      if (!collection.versionColumn)
        throw new Error(`${collection.name} has no version column to compare If-Match with`);
      params.push(expectedVersion);
      where += ` AND ${quoteIdentifier(collection.versionColumn)} = $${params.length}`;
    }
    return where;
  }

  private positioned(
    collection: CollectionDefinition,
    row: Row,
    position?: number,
  ): PositionedRecord {
    const { [POSITION_COLUMN]: ownPosition, ...columns } = row;
    const record = this.collections.canonicalize(collection, columns);
    const at = position ?? toPosition(ownPosition);
    const version = collection.versionColumn
      ? (this.collections.versionOf(collection, record) ?? 0)
      : at;
    return { record, version, position: at };
  }

  /** Key values of an id; undefined when the tenant is not the single-tenant collection's. */
  private keyOf(collection: CollectionDefinition, tenant: string, id: string): Row | undefined {
    if (!collection.tenantColumn && tenant !== (collection.fixedTenant ?? DEFAULT_TENANT))
      return undefined;
    return keyValuesOf(collection, id);
  }

  private keyChunks(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
  ): Row[][] {
    const keys: Row[] = [];
    for (const id of new Set(ids)) {
      const key = this.keyOf(collection, tenant, id);
      if (key) keys.push(key);
    }
    const size = Math.max(1, Math.floor(MAX_PARAMETERS / collection.keyColumns.length));
    const chunks: Row[][] = [];
    for (let start = 0; start < keys.length; start += size)
      chunks.push(keys.slice(start, start + size));
    return chunks;
  }

  private async rows(db: Queryable, text: string, values: unknown[]): Promise<Row[]> {
    const config: QueryConfig = { text, values, types: RAW_TEXT_TYPES };
    const { rows } = await db.query<Row>(config);
    return rows;
  }

  private async explainMiss(
    collection: CollectionDefinition,
    tenant: string,
    id: string,
    expectedVersion?: number,
  ): Promise<undefined> {
    if (expectedVersion === undefined) return undefined;
    const current = await this.find(collection, tenant, id);
    if (current)
      throw new VersionConflictException(
        expectedVersion,
        this.collections.versionOf(collection, current) ?? 0,
      );
    return undefined;
  }
}

/** Postgres's refusals of the values themselves as typed, non-retriable errors; others as they are. */
function translateWriteError(error: unknown): unknown {
  const pgError = error as { code?: string; constraint?: string; message?: string };
  if (pgError.code === '23505') return new RecordExistsException(pgError.constraint);
  // Class 23 (integrity constraint violation), class 22 (data exception).
  if (typeof pgError.code === 'string' && /^2[23]/.test(pgError.code))
    return new RecordRejectedException(pgError.code, pgError.constraint, pgError.message ?? '');
  return error;
}

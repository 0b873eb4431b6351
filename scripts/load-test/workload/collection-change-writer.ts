import type { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import type { Pool } from 'pg';
import { insertableColumns, sampleRow } from './collection-sample';
import type { PlannedBatch } from './planned-batch.type';
import type { CommittedChange } from './postgres-change-writer';

/**
 * The load test's writes on any collection (`--collection`): rows built from the catalog
 * definition (collection-sample), keyed by record ids the generator hands out. A batch is one
 * transaction of three statements over json_populate_recordset (any column type, array, enum or
 * domain). Versions are the version column's, or for a WAL-versioned table the WAL position read
 * before the batch: every change of the batch is logged above it, every earlier one of its keys
 * below, so a notice at or above it shows the change.
 */
export class CollectionChangeWriter {
  /** Record id -> the record number its key values derive from. */
  private readonly numbers = new Map<string, number>();
  private readonly insertColumns: string[];
  private readonly updateColumns: string[];
  private readonly matchColumns: string[];
  private readonly table: string;
  private readonly identityKey: boolean;
  private next: number;

  constructor(
    readonly collection: CollectionDefinition,
    private readonly registry: CollectionRegistry,
    /** First record number: a run-specific offset keeps keys apart from other runs' rows. */
    firstRecord: number,
  ) {
    this.next = firstRecord;
    const { keyColumns, tenantColumn, versionColumn, columns } = collection;
    this.insertColumns = [...new Set([...keyColumns, ...insertableColumns(collection)])].filter(
      (name) => name !== versionColumn,
    );
    this.updateColumns = insertableColumns(collection).filter(
      (name) => !keyColumns.includes(name) && name !== tenantColumn && name !== versionColumn,
    );
    this.matchColumns = [...(tenantColumn ? [tenantColumn] : []), ...keyColumns];
    this.table = `${quote(collection.schema)}.${quote(collection.table)}`;
    this.identityKey = keyColumns.some((name) => columns[name].generated);
  }

  /** The tenants rows may belong to: the run's, or the fixed one of a single-tenant collection. */
  tenantsFor(runTenants: readonly string[]): string[] {
    return this.collection.tenantColumn
      ? [...runTenants]
      : [this.collection.fixedTenant ?? 'default'];
  }

  /** A new record's id (the generator's `newId`). */
  newId(): string {
    const record = this.next++;
    const id = this.registry.recordId(
      this.collection,
      sampleRow(this.collection, { record, tenant: '', change: 1 }),
    );
    this.numbers.set(id, record);
    return id;
  }

  /** A plain column (integer or text) every change of a record sets to a new value. */
  get markerColumn(): string | undefined {
    return this.updateColumns.find((name) =>
      ['integer', 'bigint', 'smallint', 'text'].includes(this.collection.columns[name].kind),
    );
  }

  /** The value `column` of a record has after its change number `change`. */
  valueAt(id: string, column: string, change: number): unknown {
    return sampleRow(this.collection, { record: this.recordOf(id), tenant: '', change })[column];
  }

  /** A patch body for the cache-api's write-through: one plain column, changed. */
  patchBody(counter: number): Record<string, unknown> {
    const column = this.markerColumn;
    if (!column) return {};
    return {
      [column]: sampleRow(this.collection, { record: 0, tenant: '', change: counter })[column],
    };
  }

  async write(pool: Pool, batch: PlannedBatch): Promise<CommittedChange[]> {
    const rowsOf = (keys: { tenant: string; id: string; marker?: number }[]) =>
      keys.map(({ tenant, id, marker }) =>
        toRecordJson(
          this.collection,
          sampleRow(this.collection, { record: this.recordOf(id), tenant, change: marker ?? 1 }),
        ),
      );
    const returning = this.matchColumns
      .concat(this.collection.versionColumn ? [this.collection.versionColumn] : [])
      .map((name) => `t.${quote(name)}`)
      .join(', ');
    const match = this.matchColumns.map((n) => `t.${quote(n)} = r.${quote(n)}`).join(' AND ');
    const list = (names: string[]) => names.map(quote).join(', ');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const before = this.collection.versionColumn
        ? 0
        : Number(
            (
              await client.query<{ p: string }>(
                `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS p`,
              )
            ).rows[0].p,
          );
      const run = async (kind: CommittedChange['kind'], sql: string, rows: unknown[]) => {
        if (rows.length === 0) return [];
        const result = await client.query<Record<string, unknown>>(sql, [JSON.stringify(rows)]);
        return result.rows.map((row) => this.committed(kind, row, before));
      };
      const inserted = await run(
        'insert',
        `INSERT INTO ${this.table} AS t (${list(this.insertColumns)})
         ${this.identityKey ? 'OVERRIDING SYSTEM VALUE' : ''}
         SELECT ${list(this.insertColumns)} FROM json_populate_recordset(null::${this.table}, $1::json)
         RETURNING ${returning}`,
        rowsOf(batch.inserts),
      );
      const updated = await run(
        'update',
        `UPDATE ${this.table} AS t SET ${this.updateColumns.map((n) => `${quote(n)} = r.${quote(n)}`).join(', ')}
           FROM json_populate_recordset(null::${this.table}, $1::json) AS r WHERE ${match}
         RETURNING ${returning}`,
        rowsOf(batch.updates),
      );
      const deleted = await run(
        'delete',
        `DELETE FROM ${this.table} AS t USING json_populate_recordset(null::${this.table}, $1::json) AS r
          WHERE ${match} RETURNING ${returning}`,
        rowsOf(batch.deletes),
      );
      await client.query('COMMIT');
      return [...inserted, ...updated, ...deleted];
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Rows of this run still in the table (ids handed out and not deleted). */
  async count(pool: Pool): Promise<number> {
    let total = 0;
    await this.eachChunk(async (rows) => {
      const { rows: found } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${this.table} AS t
           JOIN json_populate_recordset(null::${this.table}, $1::json) AS r ON ${this.keyMatch()}`,
        [JSON.stringify(rows)],
      );
      total += Number(found[0].n);
    });
    return total;
  }

  /** Deletes every row this run may have written. */
  async cleanup(pool: Pool): Promise<void> {
    await this.eachChunk(async (rows) => {
      await pool.query(
        `DELETE FROM ${this.table} AS t USING json_populate_recordset(null::${this.table}, $1::json) AS r
          WHERE ${this.keyMatch()}`,
        [JSON.stringify(rows)],
      );
    });
  }

  private keyMatch(): string {
    return this.collection.keyColumns.map((n) => `t.${quote(n)} = r.${quote(n)}`).join(' AND ');
  }

  private async eachChunk(body: (rows: unknown[]) => Promise<void>): Promise<void> {
    const ids = [...this.numbers.keys()];
    for (let start = 0; start < ids.length; start += 5000) {
      await body(
        ids
          .slice(start, start + 5000)
          .map((id) =>
            toRecordJson(
              this.collection,
              sampleRow(this.collection, { record: this.recordOf(id), tenant: '', change: 1 }),
            ),
          ),
      );
    }
  }

  private recordOf(id: string): number {
    const record = this.numbers.get(id);
    if (record === undefined) throw new Error(`record id ${id} was not handed out by this writer`);
    return record;
  }

  private committed(
    kind: CommittedChange['kind'],
    row: Record<string, unknown>,
    walBefore: number,
  ): CommittedChange {
    const record = this.registry.canonicalize(this.collection, row);
    const version = this.collection.versionColumn
      ? Number(row[this.collection.versionColumn])
      : walBefore;
    return {
      kind,
      tenant: this.registry.tenantOf(this.collection, record) ?? '',
      id: this.registry.recordId(this.collection, record),
      version,
    };
  }
}

/** A canonical row as json_populate_recordset reads it: bytea as `\x` hex, the rest as is. */
function toRecordJson(
  collection: CollectionDefinition,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    json[name] =
      collection.columns[name].kind === 'bytea' && typeof value === 'string'
        ? `\\x${Buffer.from(value, 'base64').toString('hex')}`
        : value;
  }
  return json;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

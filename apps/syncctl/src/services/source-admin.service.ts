import { randomUUID } from 'node:crypto';
import { DEBEZIUM_TABLES, SYNCLINE_SCHEMA } from '@syncline/persistence';
import type { Pool } from 'pg';
import type { TableRef } from '../types/table-ref.type';

export interface TableState {
  exists: boolean;
  primaryKey: string[];
  /** Already in the publication (or the publication is FOR ALL TABLES). */
  published: boolean;
  /** DEFAULT, FULL, INDEX or NOTHING. */
  replicaIdentity: string;
}

/**
 * What syncctl does in the source database: read a table's state, publish it (the Debezium role
 * may read it), and ask Debezium for an incremental snapshot through its signal table.
 * `publication` and `cdcRole` are validated plain identifiers (libs/config).
 */
export class SourceAdmin {
  constructor(
    private readonly pool: Pool,
    private readonly publication: string,
    private readonly cdcRole: string,
  ) {}

  async describe(ref: TableRef): Promise<TableState> {
    const { rows } = await this.pool.query<{
      oid: number | null;
      primary_key: string[] | null;
      published: boolean;
      identity: string | null;
    }>(
      `SELECT c.oid::int AS oid,
              (SELECT array_agg(a.attname ORDER BY k.ord)
                 FROM pg_index i CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key,
              EXISTS (SELECT 1 FROM pg_publication_tables pt
                       WHERE pt.pubname = $3 AND pt.schemaname = $1 AND pt.tablename = $2) AS published,
              c.relreplident AS identity
         FROM (SELECT 1) AS one
         LEFT JOIN pg_namespace n ON n.nspname = $1
         LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
      [ref.schema, ref.table, this.publication],
    );
    const row = rows[0];
    const identities: Record<string, string> = {
      d: 'DEFAULT',
      f: 'FULL',
      i: 'INDEX',
      n: 'NOTHING',
    };
    return {
      exists: row?.oid !== null && row?.oid !== undefined,
      primaryKey: row?.primary_key ?? [],
      published: row?.published ?? false,
      replicaIdentity: identities[row?.identity ?? 'd'] ?? 'DEFAULT',
    };
  }

  /** Whether the publication exists (db:migrate creates it). */
  async publicationExists(): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [
      this.publication,
    ]);
    return (rowCount ?? 0) > 0;
  }

  /**
   * Lets the Debezium role read the table (the snapshot's SELECTs) and adds it to the publication,
   * in one transaction. From the commit on, the table's changes stream; rows from before come
   * with the snapshot.
   */
  async publish(ref: TableRef): Promise<void> {
    const table = `${quoteIdent(ref.schema)}.${quoteIdent(ref.table)}`;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
        this.cdcRole,
      ]);
      if ((rowCount ?? 0) > 0) {
        await client.query(`GRANT USAGE ON SCHEMA ${quoteIdent(ref.schema)} TO ${this.cdcRole}`);
        await client.query(`GRANT SELECT ON ${table} TO ${this.cdcRole}`);
      }
      await client.query(`ALTER PUBLICATION ${this.publication} ADD TABLE ${table}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Signals a blocking snapshot that reads no row (`WHERE false`): it makes the connector read the
   * tables' structure. Debezium 3.4 cannot incrementally snapshot a table it has not seen yet (one
   * created after the connector started and not changed since: "Schema retrieval failed",
   * debezium/dbz#1540). Streaming pauses only while the catalog is read, well under a second.
   * Wait for its completion (SnapshotNotifications) before signalling the incremental snapshot.
   */
  async signalStructureRead(tables: readonly TableRef[]): Promise<void> {
    await this.signal(`syncctl-${randomUUID()}`, {
      'data-collections': tables.map(dataCollection),
      type: 'blocking',
      'additional-conditions': tables.map((t) => ({
        'data-collection': dataCollection(t),
        filter: `SELECT * FROM ${quoteIdent(t.schema)}.${quoteIdent(t.table)} WHERE false`,
      })),
    });
  }

  /**
   * Signals an incremental snapshot of `tables`: the connector reads them in chunks of primary-key
   * order between watermarks while streaming goes on, with no restart. Resolves to the signal id,
   * which Debezium's notifications about this snapshot carry.
   */
  async signalIncrementalSnapshot(tables: readonly TableRef[]): Promise<string> {
    const id = `syncctl-${randomUUID()}`;
    await this.signal(id, { 'data-collections': tables.map(dataCollection), type: 'incremental' });
    return id;
  }

  private async signal(id: string, data: Record<string, unknown>): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.signal} (id, type, data) VALUES ($1, 'execute-snapshot', $2)`,
      [id, JSON.stringify(data)],
    );
  }
}

/**
 * A table as a data-collection of a signal: the literal name. Debezium matches data-collections as
 * patterns, but looks a table it does not know up by the literal name; escaping would break that.
 */
function dataCollection(t: TableRef): string {
  return `${t.schema}.${t.table}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

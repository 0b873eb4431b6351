import { CollectionDefinition, CollectionRegistry, DEFAULT_TENANT } from '@syncline/records';
import { Pool } from 'pg';
import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';
import { SourceRow } from '../types/source-row.type';
import { bucketOf } from '../utils/bucket-of.util';
import { contentDigest, digestPart } from '../utils/content-digest.util';
import { qualifiedTable } from '../utils/qualified-table.util';
import { quoteIdentifier } from '../utils/quote-identifier.util';
import { recordIdSql } from '../utils/record-id-sql.util';
import { lookupByKeys } from '../utils/lookup-by-keys.util';
import { withSourceSession } from '../utils/source-session.util';
import { RangeSummaries } from './range-summaries';

// Keys per lookup query (one array parameter per key column).
const LOOKUP_CHUNK = 5000;

/** Only the rows of these buckets (leading hex digits of md5(record id)). */
export interface BucketFilter {
  depth: number;
  prefixes: readonly string[];
}

/**
 * The Postgres side of a reconciliation, for any collection: row counts per tenant, rows in
 * canonical form paged by keyset on the key columns within a tenant (optionally only some
 * buckets), rows read for a repair at a safe version, and which record ids still have a row.
 * SQL names come from collection definitions only; values are bound parameters.
 */
export class SourceManifestReader {
  constructor(
    private readonly pool: Pool,
    private readonly collections: CollectionRegistry,
  ) {}

  /** Whether a tenant is known: a single-tenant collection's, or owning rows of a collection. */
  async tenantExists(tenant: string): Promise<boolean> {
    const all = this.collections.collections;
    if (all.some((collection) => !collection.tenantColumn && fixedTenantOf(collection) === tenant))
      return true;
    const checks = all
      .filter((collection) => collection.tenantColumn)
      .map(
        (collection) =>
          `EXISTS (SELECT 1 FROM ${qualifiedTable(collection)} WHERE ${tenantSql(collection)} = $1::text)`,
      );
    if (checks.length === 0) return false;
    const { rows } = await this.pool.query<{ known: boolean }>(
      `SELECT ${checks.join(' OR ')} AS known`,
      [tenant],
    );
    return rows[0].known;
  }

  /** How many rows of a collection each tenant has (of one tenant, when given). */
  async tenantRows(
    collection: CollectionDefinition,
    tenant?: string,
  ): Promise<Map<string, number>> {
    const table = qualifiedTable(collection);
    if (!collection.tenantColumn) {
      const fixed = fixedTenantOf(collection);
      if (tenant !== undefined && tenant !== fixed) return new Map();
      const { rows } = await this.pool.query<{ count: number }>(
        `SELECT count(*)::float8 AS count FROM ${table}`,
      );
      return rows[0].count > 0 ? new Map([[fixed, rows[0].count]]) : new Map();
    }
    const values: unknown[] = [];
    const filter =
      tenant === undefined
        ? `${tenantSql(collection)} IS NOT NULL`
        : `${quoteIdentifier(collection.tenantColumn)} = $${values.push(tenant)}`;
    const { rows } = await this.pool.query<{ tenant: string; count: number }>(
      `SELECT ${tenantSql(collection)} AS tenant, count(*)::float8 AS count FROM ${table}
        WHERE ${filter} GROUP BY 1`,
      values,
    );
    return new Map(rows.map((row) => [row.tenant, row.count]));
  }

  /**
   * Summaries of a collection's rows per tenant and bucket, each tenant at its bucket depth,
   * made in Node from the canonical rows (the content digest needs the canonical form).
   */
  async summaries(
    collection: CollectionDefinition,
    depths: ReadonlyMap<string, number>,
  ): Promise<Map<string, RangeSummaries>> {
    const byTenant = new Map<string, RangeSummaries>();
    const versioned = collection.versionColumn !== undefined;
    for (const [tenant, depth] of depths) {
      const summaries = new RangeSummaries(depth);
      byTenant.set(tenant, summaries);
      for await (const page of this.rows(collection, tenant)) {
        for (const row of page) {
          summaries.add(
            bucketOf(row.id, depth),
            versioned ? (row.version ?? 0) : 0,
            digestPart(row.digest),
          );
        }
      }
    }
    return byTenant;
  }

  /**
   * A tenant's rows of a collection in key order, page by page (keyset on the key columns), in
   * their canonical form with id, version and content digest; only the given buckets' rows when
   * `buckets` is set (the differing ones of a summary).
   */
  async *rows(
    collection: CollectionDefinition,
    tenant: string,
    options: { buckets?: BucketFilter; pageRows?: number } = {},
  ): AsyncGenerator<SourceRow[]> {
    const pageRows = options.pageRows ?? RECONCILE_DEFAULTS.manifestPageRows;
    const keys = collection.keyColumns.map(quoteIdentifier);
    const page = (after?: (string | null)[]): Promise<Record<string, string | null>[]> => {
      const values: unknown[] = [];
      const where = this.tenantFilter(collection, tenant, values);
      if (where === undefined) return Promise.resolve([]);
      if (after !== undefined) {
        const bound = after.map((value) => `$${values.push(value)}`);
        where.push(`(${keys.join(', ')}) > (${bound.join(', ')})`);
      }
      if (options.buckets) {
        const { depth, prefixes } = options.buckets;
        where.push(
          `left(md5(${recordIdSql(collection)}), $${values.push(depth)}) = ANY($${values.push(prefixes)}::text[])`,
        );
      }
      const read = withSourceSession(this.pool, (query) =>
        query(
          `SELECT * FROM ${qualifiedTable(collection)} WHERE ${['true', ...where].join(' AND ')}
            ORDER BY ${keys.join(', ')} LIMIT $${values.push(pageRows)}`,
          values,
        ),
      );
      // A failed read-ahead surfaces when its turn comes; it must not count as unhandled meanwhile.
      read.catch(() => undefined);
      return read;
    };
    let next: Promise<Record<string, string | null>[]> | undefined = page();
    while (next) {
      const rows: Record<string, string | null>[] = await next;
      // The next page is read while this one is canonicalized and compared.
      const last = rows[rows.length - 1];
      next =
        rows.length < pageRows ? undefined : page(collection.keyColumns.map((name) => last[name]));
      if (rows.length > 0) yield rows.map((row) => this.toSourceRow(collection, row));
    }
  }

  /**
   * Reads rows for a repair, each with the version a cache write may safely claim: its version
   * column's value, or (WAL-position collections) a position: `FOR SHARE` waits for any
   * uncommitted writer of these rows, and the WAL insert position read after it in
   * the same transaction is above every change the rows show and below any later one (see
   * docs/architecture.md, versions). Ids that name no row (or no valid key) are left out.
   */
  async readForRepair(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<{ position: number; rows: Map<string, SourceRow> }> {
    // A version column's value is the row's own version: no lock needed to claim it. (The
    // position still bounds a TRUNCATE: it waits for this transaction's table lock.)
    const lock = collection.versionColumn ? '' : 'FOR SHARE';
    const rows = new Map<string, SourceRow>();
    const scope = this.keyScope(collection, tenant);
    return withSourceSession(this.pool, async (query) => {
      for (const chunk of scope === null ? [] : chunks(ids, LOOKUP_CHUNK)) {
        const found = await lookupByKeys(query, collection, chunk, scope ?? undefined, 't.*', lock);
        for (const raw of found) {
          const row = this.toSourceRow(collection, raw);
          rows.set(row.id, row);
        }
      }
      const [{ position }] = await query<{ position: string }>(
        `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS position`,
      );
      return { position: Number(position), rows };
    });
  }

  /** Which of `ids` (record ids) a row of the tenant has. */
  async existingIds(
    collection: CollectionDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<Set<string>> {
    const existing = new Set<string>();
    const scope = this.keyScope(collection, tenant);
    if (ids.length === 0 || scope === null) return existing;
    await withSourceSession(this.pool, async (query) => {
      for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
        const select = `${recordIdSql(collection, 't')} AS id`;
        const found = await lookupByKeys(query, collection, chunk, scope, select);
        for (const row of found) existing.add(String(row.id));
      }
    });
    return existing;
  }

  /**
   * Which of `values` some row of the tenant holds in `field` (a column, or `<column>.<json
   * path>`; `id` is the record id): a CRM record's identity, looked up to tell whether it still
   * has a source row. Case-insensitive, the answer lowercased: CRMs treat identities so.
   */
  async existingValues(
    collection: CollectionDefinition,
    tenant: string,
    field: string,
    values: readonly string[],
  ): Promise<Set<string>> {
    if (values.length === 0) return new Set();
    if (field === 'id') {
      const found = await this.existingIds(collection, tenant, values);
      return new Set([...found].map((value) => value.toLowerCase()));
    }
    const [column, ...path] = field.split('.');
    if (!(column in collection.columns)) return new Set();
    const expression =
      path.length === 0
        ? `lower(${quoteIdentifier(column)}::text)`
        : `lower(${quoteIdentifier(column)}::jsonb #>> $2::text[])`;
    const params: unknown[] = [[...new Set(values.map((value) => value.toLowerCase()))]];
    if (path.length > 0) params.push(path);
    const where = this.tenantFilter(collection, tenant, params);
    if (where === undefined) return new Set();
    const { rows } = await this.pool.query<{ value: string }>(
      `SELECT DISTINCT ${expression} AS value FROM ${qualifiedTable(collection)}
        WHERE ${[...where, `${expression} = ANY($1::text[])`].join(' AND ')}`,
      params,
    );
    return new Set(rows.map((row) => row.value));
  }

  /** How many rows a tenant has of a collection. */
  async count(collection: CollectionDefinition, tenant: string): Promise<number> {
    return (await this.tenantRows(collection, tenant)).get(tenant) ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** The tenant condition of a key lookup; null when the tenant can have no rows. */
  private keyScope(
    collection: CollectionDefinition,
    tenant: string,
  ): { column: string; value: string } | undefined | null {
    if (collection.tenantColumn) return { column: collection.tenantColumn, value: tenant };
    return tenant === fixedTenantOf(collection) ? undefined : null;
  }

  /** The tenant's condition (pushing its parameter); undefined when the tenant can have no rows. */
  private tenantFilter(
    collection: CollectionDefinition,
    tenant: string,
    values: unknown[],
  ): string[] | undefined {
    if (!collection.tenantColumn) return tenant === fixedTenantOf(collection) ? [] : undefined;
    // The bare column, so that an index on it serves; the parameter takes the column's type.
    return [`${quoteIdentifier(collection.tenantColumn)} = $${values.push(tenant)}`];
  }

  private toSourceRow(collection: CollectionDefinition, raw: Record<string, unknown>): SourceRow {
    const record = this.collections.canonicalize(collection, raw);
    const json = JSON.stringify(record);
    return {
      tenant: this.collections.tenantOf(collection, record) ?? '',
      id: this.collections.recordId(collection, record),
      version: this.collections.versionOf(collection, record),
      record,
      json,
      digest: contentDigest(json),
    };
  }
}

function fixedTenantOf(collection: CollectionDefinition): string {
  return collection.fixedTenant ?? DEFAULT_TENANT;
}

function tenantSql(collection: CollectionDefinition): string {
  return `${quoteIdentifier(collection.tenantColumn as string)}::text`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

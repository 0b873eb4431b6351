import { CanonicalRecord, EntityDefinition, EntityRegistry } from '@syncline/records';
import { Pool } from 'pg';
import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';
import { KeyRange } from '../types/key-range.type';
import { ManifestEntry } from '../types/manifest-entry.type';
import { isCanonicalUuid } from '../utils/is-canonical-uuid.util';
import { rangeIndexOf } from '../utils/range-index-of.util';
import { RangeSummaries } from './range-summaries';

/**
 * The Postgres side of a reconciliation: range summaries, manifests and rows, paged by keyset on
 * the primary key (tenant_id, id) in bounded memory. SQL names come from entity definitions only;
 * values are bound parameters.
 */
export class SourceManifestReader {
  constructor(
    private readonly pool: Pool,
    private readonly entities: EntityRegistry,
  ) {}

  /** The highest row version handed out so far: changes above it happened during the run. */
  async versionWatermark(): Promise<number> {
    const { rows } = await this.pool.query<{ last: number }>(
      `SELECT (CASE WHEN is_called THEN last_value ELSE last_value - 1 END)::float8 AS last
         FROM ${quote(RECONCILE_DEFAULTS.versionSequence)}`,
    );
    return rows[0].last;
  }

  /** Whether a tenant is known: registered, or owning rows of any entity. */
  async tenantExists(tenant: string): Promise<boolean> {
    const checks = [
      'SELECT 1 FROM tenants WHERE id = $1',
      ...this.entities.definitions.map(
        (definition) => `SELECT 1 FROM ${quote(definition.table)} WHERE tenant_id = $1`,
      ),
    ];
    const { rows } = await this.pool.query<{ known: boolean }>(
      `SELECT ${checks.map((check) => `EXISTS (${check})`).join(' OR ')} AS known`,
      [tenant],
    );
    return rows[0].known;
  }

  /** How many rows of an entity each tenant has at versions up to `watermark`. */
  async tenantRows(
    entity: EntityDefinition,
    watermark: number,
    tenant?: string,
  ): Promise<Map<string, number>> {
    const values: unknown[] = [watermark];
    const tenantFilter = tenant === undefined ? '' : `AND tenant_id = $${values.push(tenant)}`;
    const { rows } = await this.pool.query<{ tenant: string; count: number }>(
      `SELECT tenant_id AS tenant, count(*)::float8 AS count FROM ${quote(entity.table)}
        WHERE version <= $1 ${tenantFilter} GROUP BY 1`,
      values,
    );
    return new Map(rows.map((row) => [row.tenant, row.count]));
  }

  /**
   * Summaries of an entity's rows at versions up to `watermark`, per tenant and bucket, each
   * tenant at its bucket depth (one aggregate query per depth in use, at most four).
   */
  async summaries(
    entity: EntityDefinition,
    watermark: number,
    depths: ReadonlyMap<string, number>,
  ): Promise<Map<string, RangeSummaries>> {
    const byTenant = new Map<string, RangeSummaries>();
    for (const [name, depth] of depths) byTenant.set(name, new RangeSummaries(depth));
    for (const depth of new Set(depths.values())) {
      const tenants = [...depths].filter(([, d]) => d === depth).map(([name]) => name);
      const { rows } = await this.pool.query<{
        tenant: string;
        prefix: string;
        count: number;
        max: number;
        checksum: number;
      }>(
        `SELECT tenant_id AS tenant, left(id::text, $3) AS prefix, count(*)::float8 AS count,
                max(version)::float8 AS max, (sum(version) % 4294967296)::float8 AS checksum
           FROM ${quote(entity.table)}
          WHERE version <= $1 AND tenant_id = ANY($2::text[])
          GROUP BY 1, 2`,
        [watermark, tenants, depth],
      );
      for (const row of rows) {
        (byTenant.get(row.tenant) as RangeSummaries).set(rangeIndexOf(row.prefix, depth), {
          count: row.count,
          maxVersion: row.max,
          checksum: row.checksum,
        });
      }
    }
    return byTenant;
  }

  /**
   * (id, version, last change) of a tenant's rows in these key ranges (in id order), page by
   * page; per range optionally only the rows whose ids start with one of `prefixes` (the
   * differing buckets). Up to `concurrency` range queries run ahead while the caller works.
   */
  async *manifest(
    entity: EntityDefinition,
    tenant: string,
    ranges: readonly { range: KeyRange; buckets?: { depth: number; prefixes: string[] } }[],
    pageRows: number = RECONCILE_DEFAULTS.manifestPageRows,
    concurrency = 4,
  ): AsyncGenerator<ManifestEntry[]> {
    const page = (
      { range, buckets }: (typeof ranges)[number],
      after?: string,
    ): Promise<ManifestEntry[]> => {
      const values: unknown[] = [tenant, range.lo];
      const where = ['tenant_id = $1', 'id >= $2::uuid'];
      if (range.hi !== undefined) where.push(`id < $${values.push(range.hi)}::uuid`);
      if (after !== undefined) where.push(`id > $${values.push(after)}::uuid`);
      if (buckets) {
        where.push(
          `left(id::text, $${values.push(buckets.depth)}) = ANY($${values.push(buckets.prefixes)}::text[])`,
        );
      }
      const query = this.pool
        .query<ManifestEntry>(
          `SELECT id::text AS id, version::float8 AS version,
                  (extract(epoch FROM updated_at) * 1000)::float8 AS "updatedMs"
             FROM ${quote(entity.table)}
            WHERE ${where.join(' AND ')}
            ORDER BY id
            LIMIT $${values.push(pageRows)}`,
          values,
        )
        .then(({ rows }) => rows);
      // A failed read-ahead surfaces when its turn comes; it must not count as unhandled meanwhile.
      query.catch(() => undefined);
      return query;
    };
    // The first page of the next few ranges is always on its way.
    const ahead: Promise<ManifestEntry[]>[] = [];
    let next = 0;
    const fill = () => {
      while (ahead.length < concurrency && next < ranges.length) ahead.push(page(ranges[next++]));
    };
    fill();
    for (let index = 0; index < ranges.length; index++) {
      let rows = await (ahead.shift() as Promise<ManifestEntry[]>);
      fill();
      for (;;) {
        if (rows.length > 0) yield rows;
        if (rows.length < pageRows) break;
        rows = await page(ranges[index], rows[rows.length - 1].id);
      }
    }
  }

  /** How many rows a tenant has of an entity. */
  async count(entity: EntityDefinition, tenant: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      `SELECT count(*)::float8 AS count FROM ${quote(entity.table)} WHERE tenant_id = $1`,
      [tenant],
    );
    return rows[0].count;
  }

  /** A tenant's rows of an entity in canonical form, in id order, page by page. */
  async *rows(
    entity: EntityDefinition,
    tenant: string,
    pageRows: number = RECONCILE_DEFAULTS.crmPageRows,
  ): AsyncGenerator<CanonicalRecord[]> {
    let after: string | undefined;
    for (;;) {
      const values: unknown[] = [tenant];
      const afterFilter = after === undefined ? '' : `AND id > $${values.push(after)}::uuid`;
      const { rows } = await this.pool.query<Record<string, unknown>>(
        `SELECT * FROM ${quote(entity.table)} WHERE tenant_id = $1 ${afterFilter}
          ORDER BY id LIMIT $${values.push(pageRows)}`,
        values,
      );
      if (rows.length > 0) yield rows.map((row) => this.entities.canonicalize(entity, row));
      if (rows.length < pageRows) return;
      after = String(rows[rows.length - 1].id);
    }
  }

  /** Which of `ids` have a row (ids that are no uuid cannot), lowercased. */
  async existingIds(
    entity: EntityDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<Set<string>> {
    const candidates = ids.map((id) => id.toLowerCase()).filter(isCanonicalUuid);
    if (candidates.length === 0) return new Set();
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id::text AS id FROM ${quote(entity.table)} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenant, candidates],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Which of `values` some row holds in `field` (a column, or `custom_fields.<key>`): a CRM
   * record's identity, looked up to tell whether it still has a source row. Case-insensitive, and
   * the answer lowercased: CRMs treat identities so (HubSpot stores emails lowercased; unique
   * values and Salesforce external IDs match in any case). An expression index on
   * `lower(<column>)` keeps this lookup cheap on big tables.
   */
  async existingValues(
    entity: EntityDefinition,
    tenant: string,
    field: string,
    values: readonly string[],
  ): Promise<Set<string>> {
    if (values.length === 0) return new Set();
    if (field === 'id') return this.existingIds(entity, tenant, values);
    const [column, ...path] = field.split('.');
    if (!(column in entity.columns)) return new Set();
    const expression =
      path.length === 0
        ? `lower(${quote(column)}::text)`
        : `lower(${quote(column)} #>> $3::text[])`;
    const params: unknown[] = [tenant, [...new Set(values.map((value) => value.toLowerCase()))]];
    if (path.length > 0) params.push(path);
    const { rows } = await this.pool.query<{ value: string }>(
      `SELECT DISTINCT ${expression} AS value FROM ${quote(entity.table)}
        WHERE tenant_id = $1 AND ${expression} = ANY($2::text[])`,
      params,
    );
    return new Set(rows.map((row) => row.value));
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

import { DataSource } from 'typeorm';
import { DeliveryLogEntry } from '../types/delivery-log-entry.type';

export interface DeliveryLogQuery {
  destinationId: string;
  status?: DeliveryLogEntry['status'];
  tenant?: string;
  recordId?: string;
  limit?: number;
}

const COLUMNS = `destination_id AS "destinationId", tenant_id AS tenant, entity, record_id AS "recordId", version::float8 AS version,
  operation, status, attempts, error_class AS "errorClass", error, payload_hash AS "payloadHash",
  delivered_version::float8 AS "deliveredVersion", identity, external_id AS "externalId", updated_at AS "updatedAt"`;

/**
 * The delivery log: the latest outcome per (destination, record), written in one statement per
 * batch, read in one statement per batch. What an operator queries; what makes re-sends no-ops.
 */
export class DeliveryLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The log rows of these records for one destination, keyed `tenant/entity/id`. */
  async latest(
    destinationId: string,
    refs: readonly { tenant: string; entity: string; id: string }[],
  ): Promise<Map<string, DeliveryLogEntry>> {
    if (refs.length === 0) return new Map();
    const rows: DeliveryLogEntry[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM delivery_log
        WHERE destination_id = $1
          AND (tenant_id, entity, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]))`,
      [destinationId, refs.map((r) => r.tenant), refs.map((r) => r.entity), refs.map((r) => r.id)],
    );
    return new Map(rows.map((row) => [`${row.tenant}/${row.entity}/${row.recordId}`, row]));
  }

  /**
   * Upserts outcomes. A failure keeps the last accepted payload hash and version, so a later
   * success of the same payload is still recognised; attempts count the failures since the last
   * success.
   */
  async record(entries: readonly DeliveryLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof DeliveryLogEntry>(key: K) =>
      entries.map((entry) => entry[key] ?? null);
    await this.dataSource.query(
      `INSERT INTO delivery_log AS l (destination_id, tenant_id, entity, record_id, version, operation, status, attempts,
                                      error_class, error, payload_hash, delivered_version, identity, external_id, updated_at)
       SELECT d, t, e, r, v, o, s, a, ec, er, ph, dv, i, x, now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::int[],
                     $9::text[], $10::text[], $11::text[], $12::bigint[], $13::text[], $14::text[])
              AS u(d, t, e, r, v, o, s, a, ec, er, ph, dv, i, x)
       ON CONFLICT (destination_id, tenant_id, entity, record_id) DO UPDATE SET
         version = EXCLUDED.version,
         operation = EXCLUDED.operation,
         status = EXCLUDED.status,
         -- failures add up; a success, or the first failure after one, starts the count again
         attempts = CASE WHEN EXCLUDED.status IN ('delivered', 'skipped') OR l.status IN ('delivered', 'skipped')
                         THEN EXCLUDED.attempts ELSE l.attempts + EXCLUDED.attempts END,
         error_class = EXCLUDED.error_class,
         error = EXCLUDED.error,
         payload_hash = COALESCE(EXCLUDED.payload_hash, l.payload_hash),
         delivered_version = COALESCE(EXCLUDED.delivered_version, l.delivered_version),
         identity = COALESCE(EXCLUDED.identity, l.identity),
         external_id = COALESCE(EXCLUDED.external_id, l.external_id),
         updated_at = now()`,
      [
        column('destinationId'),
        column('tenant'),
        column('entity'),
        column('recordId'),
        column('version'),
        column('operation'),
        column('status'),
        column('attempts'),
        column('errorClass'),
        entries.map((entry) => entry.error?.slice(0, 2000) ?? null),
        column('payloadHash'),
        column('deliveredVersion'),
        column('identity'),
        column('externalId'),
      ],
    );
  }

  /**
   * Forgets the last accepted payload of these records (the reconciler found the destination no
   * longer holds it), so that the next notice re-sends the current state instead of being skipped
   * as unchanged. Returns how many log rows it touched.
   */
  async forgetPayloads(
    destinationId: string,
    refs: readonly { tenant: string; entity: string; id: string }[],
  ): Promise<number> {
    if (refs.length === 0) return 0;
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `UPDATE delivery_log SET payload_hash = NULL, updated_at = now()
        WHERE destination_id = $1
          AND (tenant_id, entity, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]))
          AND payload_hash IS NOT NULL`,
      [destinationId, refs.map((r) => r.tenant), refs.map((r) => r.entity), refs.map((r) => r.id)],
    );
    return affected;
  }

  async query({
    destinationId,
    status,
    tenant,
    recordId,
    limit = 100,
  }: DeliveryLogQuery): Promise<DeliveryLogEntry[]> {
    const where = ['destination_id = $1'];
    const values: unknown[] = [destinationId];
    if (status) where.push(`status = $${values.push(status)}`);
    if (tenant) where.push(`tenant_id = $${values.push(tenant)}`);
    if (recordId) where.push(`record_id = $${values.push(recordId)}`);
    values.push(Math.min(Math.max(limit, 1), 1000));
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM delivery_log WHERE ${where.join(' AND ')} ORDER BY updated_at DESC LIMIT $${values.length}`,
      values,
    );
  }
}

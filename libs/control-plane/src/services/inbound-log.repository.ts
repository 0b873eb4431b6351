import { DataSource } from 'typeorm';
import { InboundLogEntry } from '../types/inbound-log-entry.type';

const COLUMNS = `destination_id AS "destinationId", object, external_id AS "externalId", tenant_id AS tenant,
  entity, record_id AS "recordId", outcome, conflicts, error, remote_modified_at AS "remoteModifiedAt",
  updated_at AS "updatedAt"`;

/** `inbound_log`: the latest inbound outcome per CRM record, beside the delivery log. */
export class InboundLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(entries: readonly InboundLogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof InboundLogEntry>(key: K) =>
      entries.map((entry) => entry[key] ?? null);
    await this.dataSource.query(
      `INSERT INTO inbound_log AS l (destination_id, object, external_id, tenant_id, entity, record_id,
                                     outcome, conflicts, error, remote_modified_at, updated_at)
       SELECT d, o, x, t, e, r, oc, c, er, m, now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::jsonb[], $9::text[], $10::timestamptz[]) AS u(d, o, x, t, e, r, oc, c, er, m)
       ON CONFLICT (destination_id, object, external_id) DO UPDATE SET
         tenant_id = COALESCE(EXCLUDED.tenant_id, l.tenant_id),
         entity = COALESCE(EXCLUDED.entity, l.entity),
         record_id = COALESCE(EXCLUDED.record_id, l.record_id),
         outcome = EXCLUDED.outcome,
         conflicts = EXCLUDED.conflicts,
         error = EXCLUDED.error,
         remote_modified_at = EXCLUDED.remote_modified_at,
         updated_at = now()`,
      [
        column('destinationId'),
        column('object'),
        column('externalId'),
        column('tenant'),
        column('entity'),
        column('recordId'),
        column('outcome'),
        entries.map((entry) => JSON.stringify(entry.conflicts ?? [])),
        entries.map((entry) => entry.error?.slice(0, 2000) ?? null),
        column('remoteModifiedAt'),
      ],
    );
  }

  /** The newest entries of one destination, optionally of one outcome. */
  async query(
    destinationId: string,
    { outcome, limit = 100 }: { outcome?: InboundLogEntry['outcome']; limit?: number } = {},
  ): Promise<(InboundLogEntry & { updatedAt: string })[]> {
    const values: unknown[] = [destinationId];
    const where = ['destination_id = $1'];
    if (outcome) where.push(`outcome = $${values.push(outcome)}`);
    values.push(Math.min(Math.max(limit, 1), 1000));
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM inbound_log WHERE ${where.join(' AND ')}
        ORDER BY updated_at DESC LIMIT $${values.length}`,
      values,
    );
  }
}

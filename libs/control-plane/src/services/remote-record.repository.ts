import { DataSource } from 'typeorm';
import { RecordRef, RemoteRecordState } from '../types/remote-record-state.type';

const COLUMNS = `destination_id AS "destinationId", tenant_id AS tenant, entity, record_id AS "recordId",
  external_id AS "externalId", known, remote_modified_at AS "remoteModifiedAt", pending,
  deleted_at AS "remoteDeletedAt",
  CASE WHEN pending IS NOT NULL THEN (extract(epoch FROM now() - updated_at) * 1000)::float8 END AS "pendingForMs"`;

const keyOf = (ref: RecordRef): string => `${ref.tenant}/${ref.entity}/${ref.recordId}`;

/**
 * `remote_records`: per destination and record, what the destination holds as far as we know, and
 * an inbound change in flight. Written by the delivery-worker after accepted sends (two-way
 * mappings) and by inbound processing; read by both to tell news from echoes.
 */
export class RemoteRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The states of these records at one destination, keyed `tenant/entity/id`. */
  async states(
    destinationId: string,
    refs: readonly RecordRef[],
  ): Promise<Map<string, RemoteRecordState>> {
    if (refs.length === 0) return new Map();
    const rows: RemoteRecordState[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM remote_records
        WHERE destination_id = $1
          AND (tenant_id, entity, record_id) IN (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]))`,
      [
        destinationId,
        refs.map((r) => r.tenant),
        refs.map((r) => r.entity),
        refs.map((r) => r.recordId),
      ],
    );
    return new Map(rows.map((row) => [keyOf(row), normalise(row)]));
  }

  /** The states of the records the destination knows by these ids, keyed by external id. */
  async byExternalIds(
    destinationId: string,
    externalIds: readonly string[],
  ): Promise<Map<string, RemoteRecordState>> {
    if (externalIds.length === 0) return new Map();
    const rows: RemoteRecordState[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM remote_records WHERE destination_id = $1 AND external_id = ANY($2::text[])`,
      [destinationId, externalIds],
    );
    return new Map(rows.map((row) => [row.externalId as string, normalise(row)]));
  }

  /**
   * After the destination accepted these payloads: it holds their properties now (merged over
   * what else was known, e.g. inbound-only properties) under these external ids.
   */
  async rememberSent(
    destinationId: string,
    sent: readonly (RecordRef & {
      externalId: string | null;
      properties: Record<string, unknown>;
    })[],
  ): Promise<void> {
    if (sent.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO remote_records AS r (destination_id, tenant_id, entity, record_id, external_id, known)
       SELECT $1, t, e, i, x, k FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) AS u(t, e, i, x, k)
       ON CONFLICT (destination_id, tenant_id, entity, record_id) DO UPDATE SET
         external_id = COALESCE(EXCLUDED.external_id, r.external_id),
         known = r.known || EXCLUDED.known,
         updated_at = now()`,
      [
        destinationId,
        sent.map((s) => s.tenant),
        sent.map((s) => s.entity),
        sent.map((s) => s.recordId),
        sent.map((s) => s.externalId),
        sent.map((s) => JSON.stringify(s.properties)),
      ],
    );
  }

  /**
   * Before an inbound change is written to the source: what the destination holds now (`known`,
   * complete), and the columns about to be written (`pending`, null when nothing is written).
   */
  async beginInbound(state: RemoteRecordState): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO remote_records AS r (destination_id, tenant_id, entity, record_id, external_id, known, remote_modified_at, pending)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb)
       ON CONFLICT (destination_id, tenant_id, entity, record_id) DO UPDATE SET
         external_id = COALESCE(EXCLUDED.external_id, r.external_id),
         known = EXCLUDED.known,
         remote_modified_at = EXCLUDED.remote_modified_at,
         pending = EXCLUDED.pending,
         updated_at = now()`,
      [
        state.destinationId,
        state.tenant,
        state.entity,
        state.recordId,
        state.externalId,
        JSON.stringify(state.known),
        state.remoteModifiedAt,
        state.pending === null ? null : JSON.stringify(state.pending),
      ],
    );
  }

  /** The destination deleted the record: forget its values, keep the link, remember when. */
  async markDeleted(
    destinationId: string,
    ref: RecordRef,
    externalId: string,
    deletedAt: string,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO remote_records AS r (destination_id, tenant_id, entity, record_id, external_id, known, deleted_at)
       VALUES ($1, $2, $3, $4, $5, '{}'::jsonb, $6)
       ON CONFLICT (destination_id, tenant_id, entity, record_id) DO UPDATE SET
         external_id = EXCLUDED.external_id, known = '{}'::jsonb, pending = NULL,
         deleted_at = EXCLUDED.deleted_at, updated_at = now()`,
      [destinationId, ref.tenant, ref.entity, ref.recordId, externalId, deletedAt],
    );
  }

  /**
   * The destination record now carries its identity (written back to a record created there):
   * it is known, and the hold a created row's link starts with (`pending` = `{}`) is lifted. A
   * pending inbound change with columns to write stays.
   */
  async rememberIdentity(
    destinationId: string,
    ref: RecordRef,
    identity: Record<string, unknown>,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE remote_records SET known = known || $5::jsonb,
         pending = CASE WHEN pending = '{}'::jsonb THEN NULL ELSE pending END, updated_at = now()
        WHERE destination_id = $1 AND tenant_id = $2 AND entity = $3 AND record_id = $4`,
      [destinationId, ref.tenant, ref.entity, ref.recordId, JSON.stringify(identity)],
    );
  }

  /** The inbound change is in the source (or was abandoned): deliveries may go again. */
  async finishInbound(destinationId: string, ref: RecordRef): Promise<void> {
    await this.dataSource.query(
      `UPDATE remote_records SET pending = NULL, updated_at = now()
        WHERE destination_id = $1 AND tenant_id = $2 AND entity = $3 AND record_id = $4`,
      [destinationId, ref.tenant, ref.entity, ref.recordId],
    );
  }
}

function normalise(row: RemoteRecordState): RemoteRecordState {
  const iso = (value: unknown) =>
    value instanceof Date ? value.toISOString() : ((value as string | null) ?? null);
  return {
    ...row,
    remoteModifiedAt: iso(row.remoteModifiedAt),
    remoteDeletedAt: iso(row.remoteDeletedAt),
  };
}

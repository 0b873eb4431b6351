import type { Pool } from 'pg';
import type { ChangeKind } from '../measure/change-kind.type';
import type { PlannedBatch } from './planned-batch.type';

export interface CommittedChange {
  kind: ChangeKind;
  tenant: string;
  id: string;
  version: number;
}

// One statement, one transaction, one round trip per batch: data-modifying CTEs over unnest()ed
// arrays, RETURNING the version the trigger set (deletes return the removed row's version, the one
// their notice carries). Keys within a batch are distinct, so the CTEs never touch one row twice.
const BATCH_SQL = `
WITH ins AS (
  INSERT INTO contacts (tenant_id, id, email, first_name, last_name, notes)
  SELECT t, i, e, 'Load', l, n FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS v(t, i, e, l, n)
  RETURNING tenant_id, id, version
), upd AS (
  UPDATE contacts c SET last_name = u.l, notes = u.n, lead_score = c.lead_score + 1
  FROM unnest($6::text[], $7::uuid[], $8::text[], $9::text[]) AS u(t, i, l, n)
  WHERE c.tenant_id = u.t AND c.id = u.i
  RETURNING c.tenant_id, c.id, c.version
), del AS (
  DELETE FROM contacts c USING unnest($10::text[], $11::uuid[]) AS d(t, i)
  WHERE c.tenant_id = d.t AND c.id = d.i
  RETURNING c.tenant_id, c.id, c.version
)
SELECT 'insert' AS kind, tenant_id, id::text, version::text FROM ins
UNION ALL SELECT 'update', tenant_id, id::text, version::text FROM upd
UNION ALL SELECT 'delete', tenant_id, id::text, version::text FROM del`;

/** The marker written to last_name, which the CRM mapping carries to the CRM. */
export function crmMarker(marker: number): string {
  return `lt${marker}`;
}

/** Executes a planned batch as one prepared statement; resolves with what was committed. */
export async function writePlannedBatch(
  pool: Pool,
  batch: PlannedBatch,
): Promise<CommittedChange[]> {
  const { inserts, updates, deletes } = batch;
  const result = await pool.query<{
    kind: ChangeKind;
    tenant_id: string;
    id: string;
    version: string;
  }>({
    name: 'syncline-load-test-batch',
    text: BATCH_SQL,
    values: [
      inserts.map((c) => c.tenant),
      inserts.map((c) => c.id),
      inserts.map((c) => c.email),
      inserts.map((c) => crmMarker(c.marker)),
      inserts.map((c) => c.notes),
      updates.map((c) => c.tenant),
      updates.map((c) => c.id),
      updates.map((c) => crmMarker(c.marker)),
      updates.map((c) => c.notes),
      deletes.map((c) => c.tenant),
      deletes.map((c) => c.id),
    ],
  });
  return result.rows.map((row) => ({
    kind: row.kind,
    tenant: row.tenant_id,
    id: row.id,
    version: Number(row.version),
  }));
}

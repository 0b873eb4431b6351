import { DataSource } from 'typeorm';
import { InboundHintRetry } from '../types/inbound-hint-retry.type';

/**
 * `inbound_hint_retries`: hinted records of a destination whose CRM could not be read, kept until
 * a later read gets through. One row per record (the newest hint's time wins); a claim leases the
 * rows it returns, so replicas never retry the same ones at once and a dead replica's come back.
 */
export class InboundHintRetryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the records for another read no sooner than `delayMs` from now. */
  async defer(
    destinationId: string,
    object: string,
    hints: { externalId: string; occurredAt: number }[],
    delayMs: number,
    error: string,
  ): Promise<void> {
    if (hints.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO inbound_hint_retries AS r
              (destination_id, object, external_id, occurred_at, next_attempt_at, error)
       SELECT $1, $2, x, to_timestamp(o / 1000.0), clock_timestamp() + make_interval(secs => $5::float8 / 1000), $6
         FROM unnest($3::text[], $4::float8[]) AS h(x, o)
       ON CONFLICT (destination_id, object, external_id) DO UPDATE SET
         occurred_at = greatest(r.occurred_at, excluded.occurred_at),
         next_attempt_at = excluded.next_attempt_at,
         deferred_at = clock_timestamp(),
         error = excluded.error`,
      [
        destinationId,
        object,
        hints.map((hint) => hint.externalId),
        hints.map((hint) => hint.occurredAt),
        delayMs,
        error.slice(0, 2000),
      ],
    );
  }

  /** Up to `limit` records due for another read, leased for `leaseMs`. */
  async claimDue(limit: number, leaseMs: number): Promise<InboundHintRetry[]> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [
      {
        destinationId: string;
        object: string;
        externalId: string;
        occurredAt: Date;
        deferredAt: Date;
      }[],
      number,
    ] = await this.dataSource.query(
      `UPDATE inbound_hint_retries r
          SET next_attempt_at = clock_timestamp() + make_interval(secs => $2::float8 / 1000)
         FROM (SELECT destination_id, object, external_id FROM inbound_hint_retries
                WHERE next_attempt_at <= clock_timestamp()
                ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
        WHERE (r.destination_id, r.object, r.external_id) = (due.destination_id, due.object, due.external_id)
        RETURNING r.destination_id AS "destinationId", r.object, r.external_id AS "externalId",
                  r.occurred_at AS "occurredAt", r.deferred_at AS "deferredAt"`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      destinationId: row.destinationId,
      object: row.object,
      externalId: row.externalId,
      occurredAt: new Date(row.occurredAt).getTime(),
      deferredAt: new Date(row.deferredAt).toISOString(),
    }));
  }

  /** Forgets claimed records, except those deferred again since the claim (a newer failure). */
  async remove(retries: InboundHintRetry[]): Promise<void> {
    if (retries.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM inbound_hint_retries r
        USING unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS c(d, o, x, at)
        WHERE (r.destination_id, r.object, r.external_id, r.deferred_at) = (c.d, c.o, c.x, c.at)`,
      [
        retries.map((r) => r.destinationId),
        retries.map((r) => r.object),
        retries.map((r) => r.externalId),
        retries.map((r) => r.deferredAt),
      ],
    );
  }
}

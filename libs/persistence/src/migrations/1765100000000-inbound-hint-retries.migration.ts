import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `inbound_hint_retries`: webhook hints whose CRM could not be read (down, rate limited), kept
 * per destination record until a later read succeeds, so that one destination's outage never
 * holds the hint partitions every destination shares. Frozen: names are spelled out.
 */
export class InboundHintRetries1765100000000 implements MigrationInterface {
  name = 'InboundHintRetries1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE syncline.inbound_hint_retries (
        destination_id   uuid NOT NULL CONSTRAINT inbound_hint_retries_destination_id_fkey
                         REFERENCES syncline.destinations (id) ON DELETE CASCADE,
        object           text NOT NULL,
        external_id      text NOT NULL,
        occurred_at      timestamptz NOT NULL,
        next_attempt_at  timestamptz NOT NULL,
        deferred_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        error            text,
        CONSTRAINT pk_inbound_hint_retries PRIMARY KEY (destination_id, object, external_id)
      );
      CREATE INDEX ix_inbound_hint_retries_next_attempt_at
        ON syncline.inbound_hint_retries (next_attempt_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE syncline.inbound_hint_retries;`);
  }
}

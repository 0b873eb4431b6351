import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-way sync creates rows from CRM records (`inbound.createRows`): the inbound log's outcome
 * `created`. Frozen: names are spelled out.
 */
export class InboundCreatedOutcome1765200000000 implements MigrationInterface {
  name = 'InboundCreatedOutcome1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE syncline.inbound_log DROP CONSTRAINT ck_inbound_log_outcome;
      ALTER TABLE syncline.inbound_log ADD CONSTRAINT ck_inbound_log_outcome
        CHECK (outcome IN ('applied', 'created', 'unchanged', 'conflict', 'ignored', 'failed'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE syncline.inbound_log SET outcome = 'applied' WHERE outcome = 'created';
      ALTER TABLE syncline.inbound_log DROP CONSTRAINT ck_inbound_log_outcome;
      ALTER TABLE syncline.inbound_log ADD CONSTRAINT ck_inbound_log_outcome
        CHECK (outcome IN ('applied', 'unchanged', 'conflict', 'ignored', 'failed'));
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reconciler's run records (control plane: not in the CDC publication). */
export class ReconcileRuns1763900000002 implements MigrationInterface {
  name = 'ReconcileRuns1763900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reconcile_runs (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind         text NOT NULL CONSTRAINT ck_reconcile_runs_kind CHECK (kind IN ('cache', 'crm')),
        scope        jsonb NOT NULL DEFAULT '{}',
        dry_run      boolean NOT NULL DEFAULT false,
        started_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        status       text NOT NULL DEFAULT 'running'
                     CONSTRAINT ck_reconcile_runs_status CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
        summary      jsonb,
        errors       jsonb NOT NULL DEFAULT '[]'
      );
      CREATE INDEX ix_reconcile_runs_kind_started_at ON reconcile_runs (kind, started_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconcile_runs;`);
  }
}

import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One reconciler run (`reconcile cache` or `reconcile crm`): what it looked at, whether it only
 * reported, how it ended, the drift it found per tenant/entity(/destination) and the batches it
 * had to skip. Written at the start (`running`) and completed at the end.
 */
@Entity({ name: 'reconcile_runs', schema: 'syncline' })
@Index('ix_reconcile_runs_kind_started_at', ['kind', 'startedAt'])
@Check('ck_reconcile_runs_kind', `kind IN ('cache', 'crm')`)
@Check('ck_reconcile_runs_status', `status IN ('running', 'succeeded', 'partial', 'failed')`)
export class ReconcileRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: 'cache' | 'crm';

  /** The flags that narrowed the run: `{tenant?, entity?, destination?}`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  scope!: Record<string, unknown>;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** running | succeeded (drift found or not) | partial (batches skipped) | failed (systemic). */
  @Column({ type: 'text', default: 'running' })
  status!: 'running' | 'succeeded' | 'partial' | 'failed';

  /** Totals and one row per tenant/entity(/destination). */
  @Column({ type: 'jsonb', nullable: true })
  summary!: Record<string, unknown> | null;

  /** Skipped batches and failed scopes, with their messages. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors!: unknown[];
}

import { ReconcileRunEntity } from '@syncline/persistence';
import { DataSource, Repository } from 'typeorm';
import { ReconcileKind } from '../types/reconcile-kind.type';
import { ReconcileReport } from '../types/reconcile-report.type';
import { ReconcileScope } from '../types/reconcile-scope.type';

/** The `reconcile_runs` table: a row when a run starts, completed when it ends. */
export class ReconcileRunRepository {
  private readonly runs: Repository<ReconcileRunEntity>;

  constructor(dataSource: DataSource) {
    this.runs = dataSource.getRepository(ReconcileRunEntity);
  }

  async start(kind: ReconcileKind, scope: ReconcileScope, dryRun: boolean): Promise<string> {
    const saved = await this.runs.save(
      this.runs.create({ kind, scope: { ...scope }, dryRun, status: 'running', errors: [] }),
    );
    return saved.id;
  }

  async finish(id: string, report: ReconcileReport): Promise<void> {
    const { errors, rows, totals, durationMs, rowsPerSecond, errorCount, failure } = report;
    await this.runs.update(
      { id },
      {
        status: report.status === 'running' ? 'failed' : report.status,
        finishedAt: new Date(report.finishedAt),
        summary: {
          totals,
          rows,
          durationMs,
          rowsPerSecond,
          errorCount,
          ...(failure ? { failure } : {}),
        },
        errors,
      },
    );
  }

  async get(id: string): Promise<ReconcileRunEntity | null> {
    return this.runs.findOneBy({ id });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  formatReportTable,
  ReachabilityProbe,
  ReconcileCacheUseCase,
  ReconcileCommand,
  ReconcileCrmUseCase,
  ReconcileKind,
  ReconcileMetrics,
  ReconcileReport,
  ReconcileRunRepository,
  ReconcileScopeException,
  SystemicFailureException,
} from '@syncline/reconcile';
import { EXIT_CODES, RECONCILER_CONFIG } from '../constants/reconciler.constants';
import { ReconcileCliOptions } from '../types/reconcile-cli-options.type';
import { ReconcilerConfig } from '../types/reconciler-config.type';
import { ProgressReporter } from './progress-reporter';
import { ScopeResolver } from './scope-resolver.service';

/**
 * One `reconcile cache|crm` invocation from flags to exit code: checks that Postgres and Redis
 * answer, resolves the scope, records the run in `reconcile_runs`, runs it with progress, then
 * completes the record, logs the summary with its metrics as fields, pushes the metrics when a
 * Pushgateway is configured and prints the summary table. Drift is exit 0; bad flags 2; an
 * unreachable Postgres or Redis 1.
 */
@Injectable()
export class ReconcileSession {
  private readonly logger = new Logger(ReconcileSession.name);

  constructor(
    @Inject(ScopeResolver) private readonly resolver: ScopeResolver,
    @Inject(ReachabilityProbe) private readonly probe: ReachabilityProbe,
    @Inject(ReconcileCacheUseCase) private readonly cache: ReconcileCacheUseCase,
    @Inject(ReconcileCrmUseCase) private readonly crm: ReconcileCrmUseCase,
    @Inject(ReconcileRunRepository) private readonly runs: ReconcileRunRepository,
    @Inject(ReconcileMetrics) private readonly metrics: ReconcileMetrics,
    @Inject(RECONCILER_CONFIG) private readonly config: ReconcilerConfig,
  ) {}

  async run(kind: ReconcileKind, args: string[], options: ReconcileCliOptions): Promise<void> {
    try {
      process.exitCode = await this.execute(kind, args, options);
    } catch (error) {
      if (error instanceof ReconcileScopeException) {
        process.stderr.write(`reconcile ${kind}: ${error.message}\n`);
        process.exitCode = EXIT_CODES.usage;
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error }, `reconcile ${kind} failed: ${message}`);
      process.stderr.write(`reconcile ${kind}: failed: ${message}\n`);
      process.exitCode = EXIT_CODES.systemic;
    }
  }

  private async execute(
    kind: ReconcileKind,
    args: string[],
    options: ReconcileCliOptions,
  ): Promise<number> {
    if (args.length > 0) {
      throw new ReconcileScopeException(`unexpected argument(s): ${args.join(' ')}`);
    }
    const unreachable = await this.probe.unreachable();
    if (unreachable) throw new SystemicFailureException(unreachable);
    const command = await this.resolver.resolve(kind, options);
    const runId = await this.runs.start(kind, command.scope, command.dryRun);
    this.logger.log(
      { runId, kind, scope: command.scope, dryRun: command.dryRun },
      `reconcile ${kind} started`,
    );
    const progress = new ProgressReporter(`reconcile ${kind}`, this.config.progressIntervalMs);
    const report = { ...(await this.runUseCase(command, progress)), runId };
    progress.finish();

    try {
      await this.runs.finish(runId, report);
    } catch (error) {
      this.logger.error({ err: error }, `could not complete run record ${runId}`);
    }
    this.metrics.record(report);
    this.logger.log(
      {
        ...this.metrics.logFields(report),
        runId,
        scope: report.scope,
        dryRun: report.dryRun,
        totals: report.totals,
        rows: report.rows,
        errors: report.errors,
        errorCount: report.errorCount,
        ...(report.failure ? { failure: report.failure } : {}),
      },
      `reconcile ${kind} finished: ${report.status}`,
    );
    await this.push(report);
    process.stderr.write(formatReportTable(report));
    return report.status === 'failed' ? EXIT_CODES.systemic : EXIT_CODES.ok;
  }

  private async runUseCase(
    command: ReconcileCommand,
    progress: ProgressReporter,
  ): Promise<ReconcileReport> {
    return command.kind === 'cache'
      ? this.cache.execute(command, progress.update)
      : this.crm.execute(command, progress.update);
  }

  private async push(report: ReconcileReport): Promise<void> {
    const url = this.config.pushgatewayUrl;
    if (!url) return;
    try {
      await this.metrics.pushTo(url, report.kind);
      this.logger.log(`metrics pushed to ${url}`);
    } catch (error) {
      // Alerting still has the log line; a missing push must not fail the run.
      this.logger.warn(
        `could not push metrics to ${url}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

import { Logger } from '@nestjs/common';
import { RecordCacheRepository } from '@syncline/cache';
import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { RECONCILE_DEFAULTS } from '../../constants/reconcile-defaults.constant';
import { SourceFailedException } from '../../exceptions/source-failed.exception';
import { SystemicFailureException } from '../../exceptions/systemic-failure.exception';
import { BatchRunner } from '../../services/batch-runner';
import { CacheDriftRepairer } from '../../services/cache-drift-repairer';
import { CacheManifestReader } from '../../services/cache-manifest.reader';
import { ContentReplacer } from '../../services/content-replacer';
import { RangeSummaries } from '../../services/range-summaries';
import { ReachabilityProbe } from '../../services/reachability.probe';
import { ReconcileCommand } from '../../services/reconcile.command';
import { ReconcileTally } from '../../services/reconcile-tally';
import { SourceManifestReader } from '../../services/source-manifest.reader';
import { sweepOrphans } from './sweep-orphans.step';
import { ProgressListener } from '../../types/progress-listener.type';
import { ReconcileCacheOptions } from '../../types/reconcile-cache-options.type';
import { ReconcileReport } from '../../types/reconcile-report.type';
import { OrphanSuspect } from '../../types/orphan-suspect.type';
import { ReportRow } from '../../types/report-row.type';
import { SourceRow } from '../../types/source-row.type';
import { bucketOf, bucketPrefix } from '../../utils/bucket-of.util';
import { cacheAgrees } from '../../utils/cache-agrees.util';
import { chooseBucketDepths } from '../../utils/choose-bucket-depths.util';
import { errorMessage } from '../../utils/error-message.util';
import { runReconcile } from '../../utils/run-reconcile.util';
import { scopeKey } from '../../utils/scope-key.util';
import { summariesAgree } from '../../utils/summaries-agree.util';

const EMPTY = { count: 0, maxVersion: 0, checksum: 0, contentChecksum: 0 };

/** What one run holds on to while it goes. */
interface CacheRun {
  command: ReconcileCommand;
  tally: ReconcileTally;
  runner: BatchRunner;
  repairer: CacheDriftRepairer;
  progress: { done: number; total: number; listener?: ProgressListener };
}

/**
 * `reconcile cache`: Postgres (the source of truth) against the Redis cache, per tenant and
 * collection, for any key and version source. First a summary per bucket (md5 of the record id,
 * computed alike in SQL and Node) on both sides: count, versions (version-column collections)
 * and a content checksum (digests of the canonical JSON: "same version, different data" shows).
 * Only where a bucket differs, its rows are compared one by one with what the cache holds; what
 * differs gets a second look after the grace period and a guarded repair (CacheDriftRepairer).
 * Finds missing records, stale ones (an older version), differing ones (other data) and orphans
 * (a live key without a row). With `dryRun` nothing is written.
 */
export class ReconcileCacheUseCase {
  private readonly logger = new Logger(ReconcileCacheUseCase.name);
  private readonly now: () => number;

  constructor(
    private readonly source: SourceManifestReader,
    private readonly cacheReader: CacheManifestReader,
    private readonly cache: RecordCacheRepository,
    private readonly replacer: ContentReplacer,
    private readonly collections: CollectionRegistry,
    private readonly probe: ReachabilityProbe,
    private readonly options: ReconcileCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Runs the comparison (and repairs). Postgres or Redis failing ends the run with a report. */
  async execute(command: ReconcileCommand, listener?: ProgressListener): Promise<ReconcileReport> {
    return runReconcile(
      'cache',
      command,
      { logger: this.logger, now: this.now },
      (tally, startedAt) => this.reconcile(command, tally, startedAt, listener),
    );
  }

  private async reconcile(
    command: ReconcileCommand,
    tally: ReconcileTally,
    startedAt: number,
    listener?: ProgressListener,
  ): Promise<void> {
    const { scope } = command;
    const inScope = scope.entity
      ? [this.collections.byCollectionName(scope.entity)]
      : this.collections.collections;
    const run: CacheRun = {
      command,
      tally,
      runner: new BatchRunner({
        batch: this.options.batch ?? RECONCILE_DEFAULTS.cacheBatch,
        retry: this.options.retry,
        maxConsecutiveSkips: this.options.maxConsecutiveSkips,
        isSystemic: async () => (await this.probe.unreachable()) !== undefined,
      }),
      repairer: new CacheDriftRepairer(this.source, this.cache, this.replacer, {
        dryRun: command.dryRun,
        graceMs: this.options.graceMs ?? RECONCILE_DEFAULTS.graceMs,
        now: this.now,
        sleep: this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      }),
      progress: { done: 0, total: 0, listener },
    };

    // Row counts first: they fix each tenant's bucket depth and the total for the progress.
    const depths = new Map<string, Map<string, number>>();
    for (const collection of inScope) {
      const rows = await this.guard(run, undefined, `${collection.name} row counts`, () =>
        this.source.tenantRows(collection, scope.tenant),
      );
      if (!rows) continue;
      depths.set(collection.name, chooseBucketDepths(rows));
      for (const count of rows.values()) run.progress.total += count;
    }
    listener?.({ done: 0, total: run.progress.total });
    const compared = inScope.filter((collection) => depths.has(collection.name));
    if (compared.length === 0) return;

    // Both sides' summaries at once: Postgres rows streamed per collection, one SCAN in Redis.
    const depthOf = (entity: string, tenant: string) => depths.get(entity)?.get(tenant) ?? 1;
    const [sourceSummaries, cacheSummaries] = await Promise.all([
      Promise.all(
        compared.map((collection) =>
          this.guard(run, undefined, `${collection.name} summary`, () =>
            this.source.summaries(collection, depths.get(collection.name) as Map<string, number>),
          ),
        ),
      ),
      this.guard(run, undefined, 'cache scan', () =>
        this.cacheReader.summaries(
          compared.map((c) => ({ name: c.name, versioned: c.versionColumn !== undefined })),
          depthOf,
          scope.tenant,
        ),
      ),
    ]);
    if (!cacheSummaries) return;
    this.logger.log(
      `summaries of ${run.progress.total} rows ready after ${this.now() - startedAt} ms`,
    );

    const suspects = new Map<string, OrphanSuspect>();
    for (const [index, collection] of compared.entries()) {
      const fromSource = sourceSummaries[index];
      if (!fromSource) continue;
      const fromCache = cacheSummaries.get(collection.name) ?? new Map<string, RangeSummaries>();
      const tenants = [...new Set([...fromSource.keys(), ...fromCache.keys()])].sort();
      for (const tenant of tenants) {
        const suspect = await this.compareTenant(
          run,
          collection,
          tenant,
          fromSource.get(tenant),
          fromCache.get(tenant),
        );
        if (suspect) suspects.set(scopeKey(collection.name, tenant), suspect);
      }
    }
    await this.guard(run, undefined, 'second look', () => run.repairer.flush());
    this.logger.log(`compared after ${this.now() - startedAt} ms`);
    // One more SCAN, only if some buckets hold more live keys than rows matched them.
    if (suspects.size > 0) {
      const sweepStarted = this.now();
      await sweepOrphans(
        { cacheReader: this.cacheReader, source: this.source, collections: this.collections },
        { ...run, guard: (where, step) => this.guard(run, undefined, where, step) },
        compared,
        suspects,
      );
      const elapsed = this.now() - sweepStarted;
      for (const suspect of suspects.values()) suspect.row.durationMs += elapsed / suspects.size;
    }
  }

  /**
   * Compares a tenant's collection bucket by bucket: buckets whose summaries agree are done; the
   * rows of the others are compared one by one. Returns where orphans may be, if anywhere.
   */
  private async compareTenant(
    run: CacheRun,
    collection: CollectionDefinition,
    tenant: string,
    fromSource: RangeSummaries | undefined,
    fromCache: RangeSummaries | undefined,
  ): Promise<OrphanSuspect | undefined> {
    const started = this.now();
    const row = run.tally.row(tenant, collection.name);
    row.compared += fromSource?.total ?? 0;
    const depth = fromSource?.depth ?? fromCache?.depth ?? 1;
    const suspectBuckets = new Set<number>();
    const differing: number[] = [];
    for (let bucket = 0; bucket < 16 ** depth; bucket++) {
      const sourceSide = fromSource?.at(depth, bucket) ?? EMPTY;
      const cacheSide = fromCache?.at(depth, bucket) ?? EMPTY;
      if (summariesAgree(sourceSide, cacheSide)) this.advance(run, sourceSide.count);
      // No rows there at all: every live key of the bucket is an orphan candidate.
      else if (sourceSide.count === 0) suspectBuckets.add(bucket);
      else differing.push(bucket);
    }
    if (differing.length > 0) {
      const matched = await this.diffBuckets(run, collection, tenant, row, depth, differing);
      for (const bucket of differing) {
        // More live keys than rows that matched: some keys have no row.
        if ((fromCache?.at(depth, bucket).count ?? 0) > (matched.get(bucket) ?? 0))
          suspectBuckets.add(bucket);
      }
    }
    row.durationMs += this.now() - started;
    return suspectBuckets.size > 0 ? { row, depth, buckets: suspectBuckets } : undefined;
  }

  /**
   * The differing buckets' rows against what the cache holds, a batch at a time; records that
   * differ go to their second look. Returns per bucket how many live keys matched a row.
   */
  private async diffBuckets(
    run: CacheRun,
    collection: CollectionDefinition,
    tenant: string,
    row: ReportRow,
    depth: number,
    differing: number[],
  ): Promise<Map<number, number>> {
    const matched = new Map<number, number>();
    const all = differing.length === 16 ** depth;
    const rows = this.source.rows(collection, tenant, {
      buckets: all ? undefined : { depth, prefixes: differing.map((b) => bucketPrefix(b, depth)) },
      pageRows: this.options.manifestPageRows ?? RECONCILE_DEFAULTS.manifestPageRows,
    });
    const where = `rows of ${differing.length} bucket(s)`;
    const result = await this.guard(run, row, where, () =>
      run.runner.run(
        rows,
        async (batch: readonly SourceRow[]) => {
          const refs = batch.map(({ id }) => ({ tenant, entity: collection.name, id }));
          const cached = await this.cache.getManyJson(refs);
          const live = new Map<number, number>();
          const suspects: string[] = [];
          batch.forEach((sourceRow, index) => {
            const current = cached[index];
            if (current && !current.deleted) {
              const bucket = bucketOf(sourceRow.id, depth);
              live.set(bucket, (live.get(bucket) ?? 0) + 1);
            }
            if (!cacheAgrees(collection, sourceRow, current)) suspects.push(sourceRow.id);
          });
          await run.repairer.suspect(collection, tenant, row, suspects);
          // Counted once the batch went through, so a retried batch does not count twice.
          for (const [bucket, count] of live)
            matched.set(bucket, (matched.get(bucket) ?? 0) + count);
          this.advance(run, batch.length);
        },
        (batch) => `ids ${batch[0].id}..${batch[batch.length - 1].id}`,
      ),
    );
    if (result) {
      for (const skipped of result.skipped) {
        this.logger.warn(
          `skipped ${skipped.label} of ${tenant}/${collection.name}: ${skipped.message}`,
        );
        run.tally.error(row, skipped.label, skipped.message);
      }
      if (result.abandoned) run.tally.error(row, where, result.abandoned);
    }
    return matched;
  }

  /**
   * Runs a step; a failure that the probe finds systemic ends the run, any other is recorded
   * against the scope and the run goes on.
   */
  private async guard<T>(
    run: CacheRun,
    row: ReportRow | undefined,
    where: string,
    step: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof SystemicFailureException) throw error;
      const unreachable = await this.probe.unreachable();
      if (unreachable) throw new SystemicFailureException(unreachable, { cause: error });
      const message = error instanceof SourceFailedException ? error.message : errorMessage(error);
      this.logger.warn(
        `${where}${row ? ` of ${row.tenant}/${row.entity}` : ''} failed: ${message}`,
      );
      run.tally.error(row, where, message);
      return undefined;
    }
  }

  private advance(run: CacheRun, rows: number): void {
    run.progress.done += rows;
    run.progress.listener?.({
      done: Math.min(run.progress.done, run.progress.total),
      total: run.progress.total,
    });
  }
}

import { Logger } from '@nestjs/common';
import { RecordCacheRepository } from '@syncline/cache';
import { EntityDefinition, EntityRegistry } from '@syncline/records';
import { SourceRecordRepository } from '@syncline/source';
import { RECONCILE_DEFAULTS } from '../../constants/reconcile-defaults.constant';
import { SourceFailedException } from '../../exceptions/source-failed.exception';
import { SystemicFailureException } from '../../exceptions/systemic-failure.exception';
import { BatchRunner } from '../../services/batch-runner';
import { CacheManifestReader } from '../../services/cache-manifest.reader';
import { RangeSummaries } from '../../services/range-summaries';
import { ReachabilityProbe } from '../../services/reachability.probe';
import { ReconcileCommand } from '../../services/reconcile.command';
import { ReconcileTally } from '../../services/reconcile-tally';
import { SourceManifestReader } from '../../services/source-manifest.reader';
import { BatchRunResult } from '../../types/batch-run-result.type';
import { CacheKeyEntry } from '../../types/cache-key-entry.type';
import { KeyRange } from '../../types/key-range.type';
import { ManifestEntry } from '../../types/manifest-entry.type';
import { ProgressListener } from '../../types/progress-listener.type';
import { RangeSummary } from '../../types/range-summary.type';
import { ReconcileCacheOptions } from '../../types/reconcile-cache-options.type';
import { ReconcileReport } from '../../types/reconcile-report.type';
import { runReconcile } from '../../utils/run-reconcile.util';
import { ReportRow } from '../../types/report-row.type';
import { chooseBucketDepths } from '../../utils/choose-bucket-depths.util';
import { errorMessage } from '../../utils/error-message.util';
import { isCanonicalUuid } from '../../utils/is-canonical-uuid.util';
import { rangeIndexOf } from '../../utils/range-index-of.util';
import { splitUuidSpace } from '../../utils/split-uuid-space.util';
import { summariesAgree } from '../../utils/summaries-agree.util';

const EMPTY: RangeSummary = { count: 0, maxVersion: 0, checksum: 0 };

/** Where a tenant's entity may have orphans: buckets (at `depth`) and/or keys that are no uuid. */
interface OrphanSuspect {
  row: ReportRow;
  depth: number;
  buckets: Set<number>;
  malformed: boolean;
}

/** Suspects by `suspectKey(entity, tenant)`. */
type OrphanSuspects = Map<string, OrphanSuspect>;

/** What one run holds on to while it goes: its bounds in time and version, and its counts. */
interface CacheRun {
  command: ReconcileCommand;
  tally: ReconcileTally;
  runner: BatchRunner;
  /** Versions above it were written during the run: in flight. */
  watermark: number;
  /** Rows changed after it (ms since epoch) are in flight. */
  cutoff: number;
  progress: { done: number; total: number; listener?: ProgressListener };
}

/**
 * `reconcile cache`: Postgres (the source of truth) against the Redis cache, per tenant and
 * entity. First a summary per key range on both sides (count, max version, version checksum) in
 * one aggregate query and one SCAN; only where a range differs, a manifest diff of (id, version),
 * Postgres paged by keyset against Redis versions read a batch at a time. Finds missing records
 * (no key, or a tombstone older than the row), stale ones (an older version) and orphans (a live
 * key without a row: e.g. a delete whose event was lost).
 *
 * Repairs go through the workers' version guard: rows are rewritten from Postgres at their
 * version (no LSN); orphans get a tombstone at their cached version, never a blind DEL, so a
 * concurrent newer write always wins. Rows changed during the run or within the grace period are
 * in flight, left to the sync-worker. With `dryRun` nothing is written.
 */
export class ReconcileCacheUseCase {
  private readonly logger = new Logger(ReconcileCacheUseCase.name);
  private readonly now: () => number;

  constructor(
    private readonly source: SourceManifestReader,
    private readonly cacheReader: CacheManifestReader,
    private readonly cache: RecordCacheRepository,
    private readonly records: SourceRecordRepository,
    private readonly entities: EntityRegistry,
    private readonly probe: ReachabilityProbe,
    private readonly options: ReconcileCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs the comparison (and repairs). Postgres or Redis failing on the way ends the run with a
   * report of what was done until then and its `failure`.
   */
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
    const definitions = scope.entity
      ? [this.entities.byEntityName(scope.entity)]
      : this.entities.definitions;
    const watermark = await this.probe.essential(() => this.source.versionWatermark());
    const run: CacheRun = {
      command,
      tally,
      watermark,
      cutoff: startedAt - (this.options.graceMs ?? RECONCILE_DEFAULTS.graceMs),
      runner: new BatchRunner({
        batch: this.options.batch ?? RECONCILE_DEFAULTS.cacheBatch,
        retry: this.options.retry,
        maxConsecutiveSkips: this.options.maxConsecutiveSkips,
        isSystemic: async () => (await this.probe.unreachable()) !== undefined,
      }),
      progress: { done: 0, total: 0, listener },
    };

    // Row counts first: they fix each tenant's bucket depth and the total for the progress.
    const depths = new Map<string, Map<string, number>>();
    for (const definition of definitions) {
      const rows = await this.guard(run, undefined, `${definition.name} row counts`, () =>
        this.source.tenantRows(definition, watermark, scope.tenant),
      );
      if (!rows) continue;
      depths.set(definition.name, chooseBucketDepths(rows));
      for (const count of rows.values()) run.progress.total += count;
    }
    listener?.({ done: 0, total: run.progress.total });
    const compared = definitions.filter((definition) => depths.has(definition.name));
    if (compared.length === 0) return;

    // Both sides' summaries at once: the aggregates in Postgres, one SCAN in Redis.
    const depthOf = (entity: string, tenant: string) => depths.get(entity)?.get(tenant) ?? 1;
    const [sourceSummaries, cacheSummaries] = await Promise.all([
      Promise.all(
        compared.map((definition) =>
          this.guard(run, undefined, `${definition.name} summary`, () =>
            this.source.summaries(
              definition,
              watermark,
              depths.get(definition.name) as Map<string, number>,
            ),
          ),
        ),
      ),
      this.guard(run, undefined, 'cache scan', () =>
        this.cacheReader.summaries(
          compared.map((definition) => definition.name),
          watermark,
          depthOf,
          scope.tenant,
        ),
      ),
    ]);
    if (!cacheSummaries) return;
    this.logger.log(
      `summaries of ${run.progress.total} rows and the cache's keys ready after ${this.now() - startedAt} ms`,
    );

    const suspects: OrphanSuspects = new Map();
    for (const [index, definition] of compared.entries()) {
      const fromSource = sourceSummaries[index];
      if (!fromSource) continue;
      const fromCache = cacheSummaries.get(definition.name) ?? new Map<string, RangeSummaries>();
      const tenants = [...new Set([...fromSource.keys(), ...fromCache.keys()])].sort();
      for (const tenant of tenants) {
        const suspect = await this.compareTenant(
          run,
          definition,
          tenant,
          fromSource.get(tenant),
          fromCache.get(tenant),
        );
        if (suspect) suspects.set(suspectKey(definition.name, tenant), suspect);
      }
    }
    this.logger.log(`compared after ${this.now() - startedAt} ms`);
    // One more SCAN, only if some buckets hold more live keys than rows matched them.
    if (suspects.size > 0) await this.findOrphans(run, compared, suspects);
  }

  /**
   * Compares a tenant's entity bucket by bucket: buckets whose summaries agree are done; the
   * rows of the others get a manifest diff, one query stream per key range. Returns where
   * orphans may be (buckets with more live keys than rows that matched them), if anywhere.
   */
  private async compareTenant(
    run: CacheRun,
    definition: EntityDefinition,
    tenant: string,
    fromSource: RangeSummaries | undefined,
    fromCache: RangeSummaries | undefined,
  ): Promise<OrphanSuspect | undefined> {
    const started = this.now();
    const row = run.tally.row(tenant, definition.name);
    row.compared += fromSource?.total ?? 0;
    const depth = fromSource?.depth ?? fromCache?.depth ?? 1;
    const rangeDepth = Math.min(depth, RECONCILE_DEFAULTS.rangeDepth);
    const width = 16 ** (depth - rangeDepth);
    const suspectBuckets = new Set<number>();
    const work: { range: KeyRange; differing: number[]; all: boolean }[] = [];
    for (const range of splitUuidSpace(rangeDepth)) {
      const differing: number[] = [];
      let differingRows = 0;
      for (let bucket = range.index * width; bucket < (range.index + 1) * width; bucket++) {
        const sourceSide = fromSource?.at(depth, bucket) ?? EMPTY;
        if (summariesAgree(sourceSide, fromCache?.at(depth, bucket) ?? EMPTY)) {
          this.advance(run, sourceSide.count);
        } else {
          differing.push(bucket);
          differingRows += sourceSide.count;
        }
      }
      if (differing.length === 0) continue;
      // No rows there at all: every live key of these buckets is an orphan candidate.
      if (differingRows === 0) for (const bucket of differing) suspectBuckets.add(bucket);
      else work.push({ range, differing, all: differing.length === width });
    }
    if (work.length > 0) {
      const matched = await this.diffRanges(run, definition, tenant, row, depth, work);
      for (const { differing } of work) {
        for (const bucket of differing) {
          // More live keys than rows that matched: some keys have no row.
          if ((fromCache?.at(depth, bucket).count ?? 0) > (matched.get(bucket) ?? 0)) {
            suspectBuckets.add(bucket);
          }
        }
      }
    }
    row.durationMs += this.now() - started;
    const malformed = (fromCache?.malformed ?? 0) > 0;
    return suspectBuckets.size > 0 || malformed
      ? { row, depth, buckets: suspectBuckets, malformed }
      : undefined;
  }

  /**
   * The manifest diff of the differing buckets (whole ranges where every bucket differs), one
   * stream of Postgres pages against Redis versions read a batch at a time. Returns per bucket
   * how many live keys matched a row.
   */
  private async diffRanges(
    run: CacheRun,
    definition: EntityDefinition,
    tenant: string,
    row: ReportRow,
    depth: number,
    work: readonly { range: KeyRange; differing: number[]; all: boolean }[],
  ): Promise<Map<number, number>> {
    const matched = new Map<number, number>();
    const entity = definition.name;
    const manifest = this.source.manifest(
      definition,
      tenant,
      work.map(({ range, differing, all }) => ({
        range,
        // Only the differing buckets' rows, unless that is the whole range anyway.
        ...(all
          ? {}
          : {
              buckets: {
                depth,
                prefixes: differing.map((bucket) => bucket.toString(16).padStart(depth, '0')),
              },
            }),
      })),
      this.options.manifestPageRows ?? RECONCILE_DEFAULTS.manifestPageRows,
    );
    await this.runBatches(
      run,
      row,
      `manifest of ${work.length} range(s)`,
      manifest,
      async (batch: readonly ManifestEntry[]) => {
        const stamps = await this.cache.stamps(batch.map(({ id }) => ({ tenant, entity, id })));
        const found = { missing: 0, stale: 0, inFlight: 0 };
        const live = new Map<number, number>();
        const rewrite: string[] = [];
        batch.forEach((entry, index) => {
          const stamp = stamps[index];
          if (stamp && !stamp.deleted && stamp.version <= run.watermark) {
            const bucket = rangeIndexOf(entry.id, depth);
            live.set(bucket, (live.get(bucket) ?? 0) + 1);
          }
          if (entry.version > run.watermark || entry.updatedMs > run.cutoff) {
            found.inFlight += 1;
          } else if (!stamp || (stamp.deleted && stamp.version < entry.version)) {
            // A tombstone older than the row: the row was created again after a delete.
            found.missing += 1;
            rewrite.push(entry.id);
          } else if (!stamp.deleted && stamp.version < entry.version) {
            found.stale += 1;
            rewrite.push(entry.id);
          }
          // A tombstone at or above the row's version: its delete is on the way; never revived.
        });
        const repaired = run.command.dryRun ? 0 : await this.rewrite(definition, tenant, rewrite);
        // Counted once the batch went through, so a retried batch does not count twice.
        for (const [bucket, count] of live) matched.set(bucket, (matched.get(bucket) ?? 0) + count);
        row.missing += found.missing;
        row.stale += found.stale;
        row.inFlight += found.inFlight;
        row.repaired += repaired;
        this.advance(run, batch.length);
      },
      (batch) => `ids ${batch[0].id}..${batch[batch.length - 1].id}`,
    );
    return matched;
  }

  /**
   * Live keys without a row, in the suspect buckets: one SCAN for all of them, each candidate
   * checked against Postgres after the scan (a row that exists keeps its key), then buried.
   */
  private async findOrphans(
    run: CacheRun,
    definitions: readonly EntityDefinition[],
    suspects: OrphanSuspects,
  ): Promise<void> {
    const started = this.now();
    const { cacheReader } = this;
    const tenant = run.command.scope.tenant;
    const candidates = async function* (): AsyncGenerator<CacheKeyEntry[]> {
      const entities = definitions.map((definition) => definition.name);
      for await (const page of cacheReader.entries(entities, tenant)) {
        const inScope = page.filter((entry) => {
          if (entry.version > run.watermark) return false;
          const suspect = suspects.get(suspectKey(entry.entity, entry.tenant));
          if (!suspect) return false;
          return isCanonicalUuid(entry.id)
            ? suspect.buckets.has(rangeIndexOf(entry.id, suspect.depth))
            : suspect.malformed;
        });
        if (inScope.length > 0) yield inScope;
      }
    };
    const result = await this.guard(run, undefined, 'orphan scan', () =>
      run.runner.run(
        candidates(),
        async (batch: readonly CacheKeyEntry[]) => {
          const found: { row: ReportRow; orphans: number; repaired: number }[] = [];
          for (const group of groupByScope(batch)) {
            const definition = this.entities.byEntityName(group.entity);
            const existing = await this.source.existingIds(
              definition,
              group.tenant,
              group.entries.map(({ id }) => id),
            );
            const orphans = group.entries.filter(({ id }) => !existing.has(id));
            const repaired = run.command.dryRun ? 0 : await this.bury(orphans);
            found.push({
              row: run.tally.row(group.tenant, group.entity),
              orphans: orphans.length,
              repaired,
            });
          }
          // Counted once the whole batch went through, so a retried batch does not count twice.
          for (const { row, orphans, repaired } of found) {
            row.orphan += orphans;
            row.repaired += repaired;
          }
        },
        (batch) =>
          `orphan candidates ${batch[0].tenant}/${batch[0].entity}/${batch[0].id}..${batch[batch.length - 1].id}`,
      ),
    );
    if (result) {
      for (const skipped of result.skipped)
        run.tally.error(undefined, skipped.label, skipped.message);
      if (result.abandoned) run.tally.error(undefined, 'orphan scan', result.abandoned);
    }
    const elapsed = this.now() - started;
    for (const suspect of suspects.values()) suspect.row.durationMs += elapsed / suspects.size;
  }

  /** Rewrites rows from Postgres at their version; returns how many writes the guard let in. */
  private async rewrite(
    definition: EntityDefinition,
    tenant: string,
    ids: readonly string[],
  ): Promise<number> {
    if (ids.length === 0) return 0;
    // Read now, not from the manifest: the freshest state, and rows deleted since are skipped.
    const rows = await this.records.findMany(definition, tenant, ids);
    const outcomes = await this.cache.applyMany(
      rows.map((row) => ({
        tenant,
        entity: definition.name,
        id: String(row.id),
        kind: 'upsert' as const,
        version: Number(row.version),
        data: row,
      })),
    );
    return outcomes.filter((outcome) => outcome === 'applied').length;
  }

  /** A tombstone at each orphan's cached version: a concurrent newer write still wins. */
  private async bury(orphans: readonly CacheKeyEntry[]): Promise<number> {
    if (orphans.length === 0) return 0;
    const outcomes = await this.cache.applyMany(
      orphans.map(({ tenant, entity, id, version }) => ({
        tenant,
        entity,
        id,
        kind: 'delete' as const,
        version,
      })),
    );
    return outcomes.filter((outcome) => outcome === 'applied').length;
  }

  private async runBatches<T>(
    run: CacheRun,
    row: ReportRow,
    where: string,
    source: AsyncIterable<readonly T[]>,
    process: (batch: readonly T[]) => Promise<void>,
    label: (batch: readonly T[]) => string,
  ): Promise<void> {
    const result = await this.guard(run, row, where, () => run.runner.run(source, process, label));
    if (result) this.recordSkips(run, row, where, result);
  }

  private recordSkips(run: CacheRun, row: ReportRow, where: string, result: BatchRunResult): void {
    for (const skipped of result.skipped) {
      this.logger.warn(
        `skipped ${skipped.label} of ${row.tenant}/${row.entity}: ${skipped.message}`,
      );
      run.tally.error(row, skipped.label, skipped.message);
    }
    if (result.abandoned) run.tally.error(row, where, result.abandoned);
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

function suspectKey(entity: string, tenant: string): string {
  return JSON.stringify([entity, tenant]);
}

/** A batch's entries by tenant and entity, for one Postgres query each. */
function groupByScope(
  batch: readonly CacheKeyEntry[],
): { tenant: string; entity: string; entries: CacheKeyEntry[] }[] {
  const groups = new Map<string, { tenant: string; entity: string; entries: CacheKeyEntry[] }>();
  for (const entry of batch) {
    const key = suspectKey(entry.entity, entry.tenant);
    let group = groups.get(key);
    if (!group)
      groups.set(key, (group = { tenant: entry.tenant, entity: entry.entity, entries: [] }));
    group.entries.push(entry);
  }
  return [...groups.values()];
}

import { CollectionDefinition, CollectionRegistry } from '@syncline/records';
import { BatchRunner } from '../../services/batch-runner';
import { CacheDriftRepairer } from '../../services/cache-drift-repairer';
import { CacheManifestReader } from '../../services/cache-manifest.reader';
import { ReconcileTally } from '../../services/reconcile-tally';
import { SourceManifestReader } from '../../services/source-manifest.reader';
import { BatchRunResult } from '../../types/batch-run-result.type';
import { CacheKeyEntry } from '../../types/cache-key-entry.type';
import { OrphanSuspect } from '../../types/orphan-suspect.type';
import { ReportRow } from '../../types/report-row.type';
import { bucketOf } from '../../utils/bucket-of.util';
import { groupByScope } from '../../utils/group-by-scope.util';
import { scopeKey } from '../../utils/scope-key.util';

/**
 * Live keys without a row, in the suspect buckets: one SCAN for all of them, each candidate
 * checked against Postgres after the scan (a row that exists keeps its key), then buried at the
 * version seen (CacheDriftRepairer.bury: a newer write wins).
 */
export async function sweepOrphans(
  readers: {
    cacheReader: CacheManifestReader;
    source: SourceManifestReader;
    collections: CollectionRegistry;
  },
  run: {
    command: { scope: { tenant?: string } };
    tally: ReconcileTally;
    runner: BatchRunner;
    repairer: CacheDriftRepairer;
    guard: (
      where: string,
      step: () => Promise<BatchRunResult>,
    ) => Promise<BatchRunResult | undefined>;
  },
  collections: readonly CollectionDefinition[],
  suspects: ReadonlyMap<string, OrphanSuspect>,
): Promise<void> {
  const candidates = readers.cacheReader.entries(
    collections.map((c) => c.name),
    run.command.scope.tenant,
    (entry) => {
      const suspect = suspects.get(scopeKey(entry.entity, entry.tenant));
      return suspect !== undefined && suspect.buckets.has(bucketOf(entry.id, suspect.depth));
    },
  );
  const result = await run.guard('orphan scan', () =>
    run.runner.run(
      candidates,
      async (batch: readonly CacheKeyEntry[]) => {
        const found: { row: ReportRow; orphans: number; repaired: number }[] = [];
        for (const group of groupByScope(batch)) {
          const collection = readers.collections.byCollectionName(group.entity);
          const existing = await readers.source.existingIds(
            collection,
            group.tenant,
            group.entries.map(({ id }) => id),
          );
          const orphans = group.entries.filter(({ id }) => !existing.has(id));
          const repaired = await run.repairer.bury(orphans);
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
}

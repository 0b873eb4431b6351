import { RECONCILE_DEFAULTS } from '../constants/reconcile-defaults.constant';

/**
 * How finely to summarise each tenant's rows: the fewest leading hex digits (1 to `maxDepth`)
 * that leave about `rowsPerBucket` rows per bucket, so that scattered drift marks few rows for a
 * manifest. Within `maxBuckets` in total (memory): over it, the deepest tenants give way first.
 */
export function chooseBucketDepths(
  rowsByTenant: ReadonlyMap<string, number>,
  {
    rowsPerBucket = RECONCILE_DEFAULTS.rowsPerBucket,
    maxDepth = RECONCILE_DEFAULTS.maxBucketDepth,
    maxBuckets = RECONCILE_DEFAULTS.maxBuckets,
  }: { rowsPerBucket?: number; maxDepth?: number; maxBuckets?: number } = {},
): Map<string, number> {
  const depths = new Map<string, number>();
  let buckets = 0;
  for (const [tenant, rows] of rowsByTenant) {
    let depth = 1;
    while (depth < maxDepth && rows / 16 ** depth > rowsPerBucket) depth += 1;
    depths.set(tenant, depth);
    buckets += 16 ** depth;
  }
  // Over budget: one digit less for the deepest tenants, biggest first, until it fits.
  const byDepthThenRows = [...depths.keys()].sort(
    (a, b) =>
      (depths.get(b) as number) - (depths.get(a) as number) ||
      (rowsByTenant.get(b) as number) - (rowsByTenant.get(a) as number),
  );
  while (buckets > maxBuckets) {
    const deepest = byDepthThenRows.find((tenant) => (depths.get(tenant) as number) > 1);
    if (deepest === undefined) break;
    const depth = depths.get(deepest) as number;
    depths.set(deepest, depth - 1);
    buckets -= 16 ** depth - 16 ** (depth - 1);
    byDepthThenRows.sort(
      (a, b) =>
        (depths.get(b) as number) - (depths.get(a) as number) ||
        (rowsByTenant.get(b) as number) - (rowsByTenant.get(a) as number),
    );
  }
  return depths;
}

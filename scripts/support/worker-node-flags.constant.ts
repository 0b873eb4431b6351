/**
 * The workers' production Node flags, exactly as deploy/base sets them in NODE_OPTIONS (a spec
 * keeps the two equal), so that benchmarks and the load test measure what production runs.
 * Measured (docs/performance.md, "GC and heap settings"): with the old space capped at 256 MB, a
 * 64 MB semi-space bought no CPU and cost ~90 MB of RSS, so the young generation keeps Node's default.
 */
export const WORKER_NODE_FLAGS: readonly string[] = Object.freeze(['--max-old-space-size=256']);

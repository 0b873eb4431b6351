import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { REPO_ROOT } from './deploy-paths.constant';

type MetricKind = 'counter' | 'gauge' | 'histogram' | 'summary';

// `registry.counter('name'`, a local `gauge('name'` helper, or `new Gauge({ name: 'name'`.
const REGISTRATION =
  /\b(counter|gauge|histogram|summary)(?:<[^>]*>)?\(\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'|\bnew (Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\{\s*name:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g;

/** The series names a metric of this kind is scraped as. */
function seriesNames(name: string, kind: MetricKind): string[] {
  if (kind === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (kind === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(
      (file) => !file.endsWith('.spec.ts') && !file.includes(`${path.sep}testing${path.sep}`),
    );
}

/** Metrics registered in the code of apps/ and libs/, by name, with where each is registered. */
export function registeredMetrics(
  roots = ['apps', 'libs'],
): Map<string, { kind: MetricKind; file: string }> {
  const found = new Map<string, { kind: MetricKind; file: string }>();
  for (const file of roots.flatMap((root) => sourceFiles(path.join(REPO_ROOT, root)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(REGISTRATION)) {
      const kind = (match[1] ?? match[3]).toLowerCase() as MetricKind;
      found.set(match[2] ?? match[4], { kind, file: path.relative(REPO_ROOT, file) });
    }
  }
  return found;
}

/** prom-client's default process metrics, as every app exports them (prefix syncline_). */
export async function defaultMetricSeries(): Promise<string[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'syncline_' });
  const metrics = await registry.getMetricsAsJSON();
  return metrics.flatMap((metric) => seriesNames(metric.name, String(metric.type) as MetricKind));
}

/** Every series name some app exports: registered metrics (with histogram suffixes) and defaults. */
export async function exportedSeriesNames(): Promise<Set<string>> {
  const registered = [...registeredMetrics()].flatMap(([name, { kind }]) =>
    seriesNames(name, kind),
  );
  return new Set([...registered, ...(await defaultMetricSeries())]);
}

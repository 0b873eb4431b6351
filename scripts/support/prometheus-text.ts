interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function* samples(text: string): Generator<Sample> {
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value) || value === Infinity)
      yield { name: match[1], labels: parseLabels(match[2] ?? ''), value };
  }
}

const matches = (present: Record<string, string>, wanted: Readonly<Record<string, string>>) =>
  Object.entries(wanted).every(([key, value]) => present[key] === value);

/**
 * The cumulative buckets of a histogram (`<name>_bucket`), summed over the series whose labels
 * include `labels`, ordered by upper bound (`+Inf` last).
 */
export function histogramBuckets(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): { le: number; count: number }[] {
  const byBound = new Map<number, number>();
  for (const sample of samples(text)) {
    if (sample.name !== `${name}_bucket` || !matches(sample.labels, labels)) continue;
    const le = sample.labels.le === '+Inf' ? Infinity : Number(sample.labels.le);
    byBound.set(le, (byBound.get(le) ?? 0) + sample.value);
  }
  return [...byBound].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/**
 * The sum of a metric's samples in Prometheus text format whose labels include all of `labels`
 * (0 when none match). Enough to show a few counters without a Prometheus client.
 */
export function sumSamples(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  let sum = 0;
  for (const sample of samples(text)) {
    if (sample.name === name && matches(sample.labels, labels) && Number.isFinite(sample.value))
      sum += sample.value;
  }
  return sum;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

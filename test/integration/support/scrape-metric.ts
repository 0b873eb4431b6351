/** One series of a Prometheus text exposition. */
export interface MetricSeries {
  labels: Record<string, string>;
  value: number;
}

/** The series of `name` on an app's /metrics endpoint. */
export async function scrapeMetric(metricsUrl: string, name: string): Promise<MetricSeries[]> {
  const text = await (await fetch(metricsUrl)).text();
  const series: MetricSeries[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels = Object.fromEntries(
      [...match[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    series.push({ labels, value: Number(match[3]) });
  }
  return series;
}

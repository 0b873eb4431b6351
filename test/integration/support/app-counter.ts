import { AppProcess } from './app-process';
import { scrapeMetric } from './scrape-metric';

/** A counter of a worker (ops port from its start-up line), summed over the series with `labels`. */
export async function appCounter(
  app: AppProcess,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const port = /ops endpoints on :(\d+)/.exec(app.output)?.[1];
  if (!port) throw new Error(`${app.name} has not printed its ops port`);
  const series = await scrapeMetric(`http://127.0.0.1:${port}/metrics`, name);
  return series
    .filter((s) => Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

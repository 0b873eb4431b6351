import { histogramBuckets } from '../../support/prometheus-text';

/** The cache-api's own request-duration histogram (seconds) for successful reads by id. */
const METRIC = 'syncline_cache_api_request_duration_seconds';
const GET_BY_ID = { method: 'GET', route: '/v1/tenants/:tenant/:collection/:id', status: '200' };

export type HistogramSnapshot = { le: number; count: number }[];

/** What the server itself measured, as bucket bounds: "p99 ≤ 5 ms", never finer than a bucket. */
export interface ServerLatency {
  requests: number;
  p50UpToMs: number | null;
  p99UpToMs: number | null;
  p999UpToMs: number | null;
}

/** Reads the histogram from the cache-api's /metrics. */
export async function readServerHistogram(cacheApiUrl: string): Promise<HistogramSnapshot> {
  const response = await fetch(`${cacheApiUrl}/metrics`);
  if (!response.ok) throw new Error(`${cacheApiUrl}/metrics answered ${response.status}`);
  return histogramBuckets(await response.text(), METRIC, GET_BY_ID);
}

/**
 * The requests between two snapshots and the bucket bound under which 50%, 99% and 99.9% of them
 * finished (null above the highest finite bound). Shows how much of the client-side latency is the
 * server's own time and how much is queueing on the way (sockets, event loops, a shared CPU).
 */
export function serverLatencyBetween(
  before: HistogramSnapshot,
  after: HistogramSnapshot,
): ServerLatency {
  const earlier = new Map(before.map((b) => [b.le, b.count]));
  const delta = after.map((b) => ({ le: b.le, count: b.count - (earlier.get(b.le) ?? 0) }));
  const requests = delta.find((b) => b.le === Infinity)?.count ?? 0;
  const bound = (q: number): number | null => {
    if (requests === 0) return null;
    const hit = delta.find((b) => b.count >= q * requests);
    return hit && Number.isFinite(hit.le) ? hit.le * 1000 : null;
  };
  return { requests, p50UpToMs: bound(0.5), p99UpToMs: bound(0.99), p999UpToMs: bound(0.999) };
}

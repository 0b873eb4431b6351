/** A latency distribution in milliseconds (HDR histogram, 3 significant digits). */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

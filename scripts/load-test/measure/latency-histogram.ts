import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './latency-summary.type';

/**
 * An HDR histogram of latencies recorded in `unitsPerMs` integer units (1 for Date.now()
 * latencies, 1000 for microsecond timings) and summarised in milliseconds.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram;

  constructor(private readonly unitsPerMs = 1) {
    this.histogram = build({ numberOfSignificantValueDigits: 3, autoResize: true });
  }

  /** Records `ms` (negative values, clock jitter between hosts, count as 0). */
  recordMs(ms: number): void {
    this.histogram.recordValue(Math.max(0, Math.round(ms * this.unitsPerMs)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  reset(): void {
    this.histogram.reset();
  }

  summary(): LatencySummary {
    const h = this.histogram;
    if (h.totalCount === 0)
      return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    const ms = (units: number) => Math.round((units / this.unitsPerMs) * 1000) / 1000;
    return {
      count: h.totalCount,
      min: ms(h.getValueAtPercentile(0)),
      mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)),
      p90: ms(h.getValueAtPercentile(90)),
      p99: ms(h.getValueAtPercentile(99)),
      p999: ms(h.getValueAtPercentile(99.9)),
      max: ms(h.maxValue),
    };
  }
}

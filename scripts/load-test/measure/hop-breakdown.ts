import { HOP_NAMES, type HopName } from './hop-names.constant';
import { LatencyHistogram } from './latency-histogram';
import type { LatencySummary } from './latency-summary.type';
import type { HopSample } from './notice-hops';

/** One window of one hop: `t` = seconds from the measured phase's start to the window's. */
export interface HopWindow {
  t: number;
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface HopSummary {
  hop: HopName;
  latency: LatencySummary;
  /** Windows in which the hop ended at least once, by the time it ended. */
  windows: HopWindow[];
}

export interface HopBreakdownResult {
  windowMs: number;
  /** Hops never measured (e.g. no CRM) are left out. */
  hops: HopSummary[];
}

/** Per-hop histograms over the whole measured phase and per window of `windowMs`. */
export class HopBreakdown {
  private readonly whole = new Map<HopName, LatencyHistogram>();
  private readonly windows = new Map<HopName, Map<number, LatencyHistogram>>();

  constructor(
    private readonly originMs: number,
    private readonly windowMs = 5000,
  ) {}

  record(sample: HopSample): void {
    const { hop } = sample;
    if (!this.whole.has(hop)) {
      this.whole.set(hop, new LatencyHistogram());
      this.windows.set(hop, new Map());
    }
    this.whole.get(hop)?.recordMs(sample.ms);
    const byWindow = this.windows.get(hop) as Map<number, LatencyHistogram>;
    // A hop that ended just before the origin (its change committed at the start) joins window 0.
    const index = Math.max(0, Math.floor((sample.endAt - this.originMs) / this.windowMs));
    let histogram = byWindow.get(index);
    if (!histogram) byWindow.set(index, (histogram = new LatencyHistogram()));
    histogram.recordMs(sample.ms);
  }

  result(): HopBreakdownResult {
    const hops: HopSummary[] = [];
    for (const hop of HOP_NAMES) {
      const whole = this.whole.get(hop);
      if (!whole) continue;
      const windows = [...(this.windows.get(hop) ?? new Map<number, LatencyHistogram>())]
        .sort(([a], [b]) => a - b)
        .map(([index, histogram]) => {
          const { count, p50, p99, max } = histogram.summary();
          return { t: (index * this.windowMs) / 1000, count, p50, p99, max };
        });
      hops.push({ hop, latency: whole.summary(), windows });
    }
    return { windowMs: this.windowMs, hops };
  }
}

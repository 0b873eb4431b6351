import { ConsumerLagReader } from '../services/consumer-lag.reader';
import { PipelineHealthMetrics } from '../services/pipeline-health.metrics';
import { HealthProbe } from '../types/health-probe.type';
import { LagTarget } from '../types/lag-target.type';
import { seriesMatching } from '../utils/series-matching.util';

/**
 * Lag and oldest-unapplied age of one consumer group, on the topics `targets()` names at each
 * sample (the live collections' or destinations'). Every sample replaces the group's series, so a
 * deleted destination's or a dropped collection's series disappear instead of freezing.
 */
export class ConsumerLagProbe implements HealthProbe {
  readonly name: string;

  constructor(
    private readonly group: string,
    private readonly targets: () => LagTarget[],
    private readonly reader: ConsumerLagReader,
    private readonly metrics: PipelineHealthMetrics,
  ) {
    this.name = `consumer_lag:${group}`;
  }

  async sample(): Promise<void> {
    const lags = await this.reader.read(this.group, this.targets());
    const { consumerLag, oldestUnappliedAge } = this.metrics;
    const group = { group: this.group };
    const stale = [
      await seriesMatching(consumerLag, group),
      await seriesMatching(oldestUnappliedAge, group),
    ] as const;
    // Replaced, not merged, in one synchronous step (no scrape sees half a sample): whatever this
    // sample did not see (a deleted destination's queue) has no lag to report.
    for (const labels of stale[0]) consumerLag.remove(labels);
    for (const labels of stale[1]) oldestUnappliedAge.remove(labels);
    const ages = new Map<string, { labels: Record<string, string>; age: number }>();
    for (const lag of lags) {
      const { group, topic, collection, destination } = lag;
      consumerLag.set({ group, topic, collection, destination }, lag.lagMessages);
      if (lag.oldestUnappliedAgeSeconds === undefined) continue;
      const key = `${collection}\u0000${destination}`;
      const age = Math.max(ages.get(key)?.age ?? 0, lag.oldestUnappliedAgeSeconds);
      ages.set(key, { labels: { group, collection, destination }, age });
    }
    for (const { labels, age } of ages.values()) oldestUnappliedAge.set(labels, age);
  }
}

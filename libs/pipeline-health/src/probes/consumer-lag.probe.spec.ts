import { MetricsRegistry } from '@syncline/observability';
import { ConsumerLagReader } from '../services/consumer-lag.reader';
import { PipelineHealthMetrics } from '../services/pipeline-health.metrics';
import { LagTarget } from '../types/lag-target.type';
import { TopicLag } from '../types/topic-lag.type';
import { ConsumerLagProbe } from './consumer-lag.probe';

describe(ConsumerLagProbe.name, () => {
  function setup() {
    const registry = new MetricsRegistry('test');
    const metrics = new PipelineHealthMetrics(registry);
    let targets: LagTarget[] = [];
    // The reader reports what a real one would for the targets it is given (tested on Kafka).
    const lags = new Map<string, Omit<TopicLag, keyof LagTarget | 'group'>>();
    const reader = {
      read: async (group: string, wanted: readonly LagTarget[]) =>
        wanted.map((t) => ({ ...t, group, ...lags.get(t.topic)! })),
    } as unknown as ConsumerLagReader;
    const probe = new ConsumerLagProbe('delivery', () => targets, reader, metrics);
    const series = async () => ({
      lag: (await metrics.consumerLag.get()).values.map((v) => [v.labels.topic, v.value]),
      age: (await metrics.oldestUnappliedAge.get()).values.map((v) => [
        v.labels.destination,
        v.value,
      ]),
    });
    return { probe, lags, series, setTargets: (t: LagTarget[]) => (targets = t) };
  }

  const queue = (id: string): LagTarget => ({
    topic: `syncline.delivery.${id}`,
    collection: '',
    destination: id,
  });

  it('exports lag per topic and the oldest age per destination', async () => {
    const h = setup();
    h.lags.set(queue('a').topic, { lagMessages: 7, oldestUnappliedAgeSeconds: 12.5 });
    h.lags.set(queue('b').topic, { lagMessages: 0, oldestUnappliedAgeSeconds: 0 });
    h.setTargets([queue('a'), queue('b')]);
    await h.probe.sample();
    expect(await h.series()).toEqual({
      lag: [
        [queue('a').topic, 7],
        [queue('b').topic, 0],
      ],
      age: [
        ['a', 12.5],
        ['b', 0],
      ],
    });
  });

  it("drops a destination's series once it is no longer a target (deleted), instead of freezing them", async () => {
    const h = setup();
    h.lags.set(queue('a').topic, { lagMessages: 7, oldestUnappliedAgeSeconds: 12.5 });
    h.lags.set(queue('b').topic, { lagMessages: 3, oldestUnappliedAgeSeconds: 4 });
    h.setTargets([queue('a'), queue('b')]);
    await h.probe.sample();
    h.setTargets([queue('b')]);
    await h.probe.sample();
    expect(await h.series()).toEqual({ lag: [[queue('b').topic, 3]], age: [['b', 4]] });
  });

  it('leaves the age out while the oldest message could not be read', async () => {
    const h = setup();
    h.lags.set(queue('a').topic, { lagMessages: 7, oldestUnappliedAgeSeconds: undefined });
    h.setTargets([queue('a')]);
    await h.probe.sample();
    expect(await h.series()).toEqual({ lag: [[queue('a').topic, 7]], age: [] });
  });
});

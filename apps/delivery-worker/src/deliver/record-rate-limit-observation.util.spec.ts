import { MetricsRegistry } from '@syncline/observability';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';
import { recordRateLimitObservation } from './record-rate-limit-observation.util';

async function gaugeValues(metrics: DeliveryWorkerMetrics) {
  const [interval, daily] = await Promise.all([
    metrics.rateLimitUtilisation.get(),
    metrics.dailyRateLimitUtilisation.get(),
  ]);
  return {
    interval: interval.values.map((v) => [v.labels.destination, v.value]),
    daily: daily.values.map((v) => [v.labels.destination, v.value]),
  };
}

describe(recordRateLimitObservation.name, () => {
  it('sets the window and daily utilisation the CRM reported, per destination', async () => {
    const metrics = new DeliveryWorkerMetrics(new MetricsRegistry('test'));
    recordRateLimitObservation(metrics, 'dest-1', {
      intervalRemaining: 150,
      intervalMax: 200,
      dailyRemaining: 50_000,
      dailyMax: 500_000,
    });
    expect(await gaugeValues(metrics)).toEqual({
      interval: [['dest-1', 0.25]],
      daily: [['dest-1', 0.9]],
    });
  });

  it('leaves a gauge alone when the response did not carry both of its figures', async () => {
    const metrics = new DeliveryWorkerMetrics(new MetricsRegistry('test'));
    recordRateLimitObservation(metrics, 'dest-1', { dailyRemaining: 10 });
    recordRateLimitObservation(metrics, 'dest-1', { intervalRemaining: 1, intervalMax: 0 });
    expect(await gaugeValues(metrics)).toEqual({ interval: [], daily: [] });
  });
});

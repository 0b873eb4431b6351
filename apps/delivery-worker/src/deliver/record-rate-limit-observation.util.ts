import { RateLimitObservation } from '@syncline/connectors';
import { DeliveryWorkerMetrics } from '../services/delivery-worker.metrics';

/**
 * What a CRM's response said about its allowances, as utilisation gauges (0..1): the short window
 * and the day. The daily share is the CRM's own count (it includes calls other clients of the same
 * account made), which the rate-limit alert compares with its threshold.
 */
export function recordRateLimitObservation(
  metrics: DeliveryWorkerMetrics,
  destinationId: string,
  observation: RateLimitObservation,
): void {
  const labels = { destination: destinationId };
  if (observation.intervalRemaining !== undefined && observation.intervalMax) {
    metrics.rateLimitUtilisation.set(
      labels,
      1 - observation.intervalRemaining / observation.intervalMax,
    );
  }
  if (observation.dailyRemaining !== undefined && observation.dailyMax) {
    metrics.dailyRateLimitUtilisation.set(
      labels,
      1 - observation.dailyRemaining / observation.dailyMax,
    );
  }
}

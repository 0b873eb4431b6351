import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  CLUSTER_METRICS_CONTENT_TYPE,
  clusterMetrics,
  inClusterWorker,
  shareWithCluster,
} from '../cluster/cluster-metrics';

/**
 * One Prometheus registry per process, labelled with the app's name. Metrics are created through
 * it so that two instances in one test process never collide in prom-client's global registry.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(readonly app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'syncline_' });
    if (inClusterWorker()) shareWithCluster(this.registry);
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    buckets?: number[],
  ): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** This process's metrics; in a cluster worker, every worker's, summed by the primary. */
  async render(): Promise<{ contentType: string; body: string }> {
    if (inClusterWorker()) {
      return { contentType: CLUSTER_METRICS_CONTENT_TYPE, body: await clusterMetrics() };
    }
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

import cluster from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';

/**
 * Metrics across a Node cluster. Workers hand their registries to prom-client's cluster protocol;
 * a scrape that lands on any worker asks the primary, which collects every worker's metrics
 * (`AggregatorRegistry.clusterMetrics`) and answers, so Prometheus sees the pod whole.
 */
const REQUEST = 'syncline:cluster-metrics?';
const RESPONSE = 'syncline:cluster-metrics';
const REPLY_TIMEOUT_MS = 5_000;

interface MetricsMessage {
  type: typeof REQUEST | typeof RESPONSE;
  id: number;
  body?: string;
  error?: string;
}

const workerRegistries: Registry[] = [];
const pending = new Map<number, (message: MetricsMessage) => void>();
let nextId = 0;
let listening = false;

/** True in a worker of a cluster (the cache-api with SYNCLINE_CACHE_API_PROCESSES > 1). */
export function inClusterWorker(): boolean {
  return cluster.isWorker;
}

/** Makes a worker's registry part of what the primary aggregates. */
export function shareWithCluster(registry: Registry): void {
  // Constructing one installs prom-client's worker-side listener that answers the primary.
  if (workerRegistries.length === 0) new AggregatorRegistry();
  workerRegistries.push(registry);
  AggregatorRegistry.setRegistries(workerRegistries);
}

/** In a worker: the whole cluster's metrics, in the exposition format, from the primary. */
export function clusterMetrics(): Promise<string> {
  const send = process.send?.bind(process);
  if (!send) return Promise.reject(new Error('not a cluster worker'));
  if (!listening) {
    listening = true;
    process.on('message', (message: MetricsMessage) => {
      if (message?.type !== RESPONSE) return;
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`the cluster primary did not answer within ${REPLY_TIMEOUT_MS} ms`));
    }, REPLY_TIMEOUT_MS);
    pending.set(id, (message) => {
      clearTimeout(timer);
      if (message.body !== undefined) resolve(message.body);
      else reject(new Error(message.error ?? 'no metrics'));
    });
    send({ type: REQUEST, id } satisfies MetricsMessage);
  });
}

/** In the primary: answers workers' metric requests with the aggregate of all workers. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsMessage) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (body) => worker.send({ type: RESPONSE, id: message.id, body } satisfies MetricsMessage),
      (error: unknown) =>
        worker.send({
          type: RESPONSE,
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies MetricsMessage),
    );
  });
}

/** The content type of aggregated metrics (the same as a registry's). */
export const CLUSTER_METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

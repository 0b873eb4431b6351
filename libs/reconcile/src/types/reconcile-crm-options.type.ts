import type { ConnectorHooks, CrmConnector, DestinationConnection } from '@syncline/connectors';
import type { RetryPolicy } from '@syncline/resilience';
import { AdaptiveBatchOptions } from './adaptive-batch-options.type';

export interface ReconcileCrmOptions {
  /** Delivery topics: `TOPICS.deliveryTasks(topicPrefix, destination)`. */
  topicPrefix: string;
  /** Partitions of a delivery topic, should the reconciler be the first to need it. */
  topicPartitions: number;
  /** `max` is further capped by each connector's `maxBatchSize`. */
  batch?: AdaptiveBatchOptions;
  pageRows?: number;
  rateLimitWaitMs?: number;
  retry?: RetryPolicy;
  maxConsecutiveSkips?: number;
  /** How connectors are built (default `createConnector`). */
  connectorFor?: (connection: DestinationConnection, hooks?: ConnectorHooks) => CrmConnector;
  now?: () => number;
}

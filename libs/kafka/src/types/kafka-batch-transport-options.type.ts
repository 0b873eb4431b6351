import { RetryOptions } from '@syncline/resilience';

export interface KafkaBatchTransportOptions {
  brokers: string[];
  clientId: string;
  groupId: string;
  topics: (string | RegExp)[];
  /** The `@EventPattern` the batches are routed to. */
  pattern: string;
  /** Partitions processed at once by this replica. */
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
  /** Largest fetch per partition, bytes. */
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /** How a failing batch is retried (Redis or Kafka unavailable). */
  retry?: Partial<RetryOptions>;
}

import { RetryOptions } from '@syncline/resilience';
import { TopicSpec } from '../utils/ensure-topics.util';

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
  /**
   * Largest fetch per partition, bytes (default 256 KiB). Larger fetches cost more than they save:
   * the sync-worker used 64 µs of CPU per event with 256 KiB, 73 with 1 MiB, 102 with 4 MiB
   * (bench:sync-worker), and held all of it in memory at once.
   */
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /** Topics to create (if missing) before subscribing: an input another app may not have created yet. */
  ensureTopics?: TopicSpec[];
  /**
   * Where a message goes when the handler fails on it for good (a non-retriable
   * SynclineException), with the reason and source in DEAD_LETTER_HEADERS.
   */
  deadLetterTopic: string;
  /** How a failing batch is retried (Redis or Kafka unavailable), and a failed start. */
  retry?: Partial<RetryOptions>;
  /**
   * How often a pattern subscription looks for new matching topics (a table added at run time);
   * kafkajs matches patterns only when it subscribes. Default 30 s.
   */
  newTopicCheckMs?: number;
}

export interface SyncWorkerConfig {
  /** Kafka consumer group shared by all sync-worker replicas. */
  groupId: string;
  /** Change events larger than this go to the DLQ. */
  maxEventBytes: number;
  /**
   * Most bytes one fetch takes of a partition: a batch's size. Its decoded events are held in
   * memory while the batch is applied, times the partitions in flight (`partitionsConcurrency`).
   */
  fetchBytesPerPartition: number;
  /** Partitions one replica processes at the same time. */
  partitionsConcurrency: number;
  /** A replica that sends no heartbeat for this long loses its partitions to the others. */
  sessionTimeoutMs: number;
  /** Partitions of the record-changed topic when the worker creates it. */
  noticePartitions: number;
  /** How often the worker looks for new CDC topics (a table added at run time). */
  newTopicCheckMs: number;
}

export { DurableKafkaProducer } from './services/kafka-producer';
export { KafkaBatchTransport } from './services/kafka-batch.transport';
export type { KafkaBatch } from './types/kafka-batch.type';
export type { KafkaBatchTransportOptions } from './types/kafka-batch-transport-options.type';
export { createKafka } from './utils/create-kafka.util';
export { ensureTopics } from './utils/ensure-topics.util';
export type { TopicSpec } from './utils/ensure-topics.util';
export { readPartitionRange } from './utils/read-partition-range.util';
export type { PartitionRange } from './utils/read-partition-range.util';

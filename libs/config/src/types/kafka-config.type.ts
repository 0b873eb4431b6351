export interface KafkaConfig {
  brokers: string[];
  /** Debezium topic prefix: topics are <topicPrefix>.<schema>.<table>. */
  topicPrefix: string;
}

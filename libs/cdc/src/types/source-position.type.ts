/** Where a Kafka message came from: carried into DLQ headers and logs. */
export interface SourcePosition {
  topic: string;
  partition: number;
  offset: string;
}

import { RawMessage } from '@syncline/cdc';

/** What a batch handler receives: messages of one partition, in offset order. */
export interface KafkaBatch {
  topic: string;
  partition: number;
  messages: RawMessage[];
  /** Messages behind the partition's end after this batch (consumer lag). */
  lag: number;
}

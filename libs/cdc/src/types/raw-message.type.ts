import { SourcePosition } from './source-position.type';

/** A Kafka message as the transport hands it over. */
export interface RawMessage extends SourcePosition {
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, string>;
  /** The record's Kafka timestamp (ms since the epoch), when the transport knows it. */
  timestamp?: number;
}

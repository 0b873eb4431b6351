import { SourcePosition } from './source-position.type';

/** A Kafka message as the transport hands it over. */
export interface RawMessage extends SourcePosition {
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, string>;
}

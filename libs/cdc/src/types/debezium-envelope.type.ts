/** A Debezium change event value as the JSON converter writes it without schemas. */
export interface DebeziumEnvelope {
  op: 'c' | 'u' | 'd' | 'r' | 't' | 'm';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: {
    table?: string;
    schema?: string;
    lsn?: number;
    snapshot?: string | boolean;
    /** When the change's transaction committed in the database (ms since the epoch). */
    ts_ms?: number;
  };
  ts_ms?: number;
}

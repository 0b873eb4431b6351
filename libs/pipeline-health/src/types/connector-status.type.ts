/** Kafka Connect's states (RESTARTING and STOPPED exist in newer versions). */
export type ConnectState =
  'RUNNING' | 'FAILED' | 'PAUSED' | 'UNASSIGNED' | 'RESTARTING' | 'STOPPED';

/** The Debezium connector and its tasks, from Kafka Connect's `/connectors/<name>/status`. */
export interface ConnectorStatus {
  connector: string;
  /** 'MISSING' when Kafka Connect does not know the connector. */
  state: ConnectState | 'MISSING';
  tasks: { id: number; state: ConnectState; trace?: string }[];
}

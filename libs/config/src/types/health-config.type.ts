/** Pipeline health: the replication slot, the Debezium connector and consumer lag (issue 15). */
export interface HealthConfig {
  /** How often the slot, the connector and the consumer groups are sampled. */
  sampleIntervalMs: number;
  /** The Debezium replication slot (`slot.name` of debezium/postgres-connector.json); '' = not watched. */
  slotName: string;
  /** Kafka Connect's REST API; '' = the connector is not watched. */
  connectUrl: string;
  /** The Debezium connector's name in Kafka Connect (`name` of debezium/postgres-connector.json). */
  connectorName: string;
  /** Confirmed-flush lag (bytes of WAL) above which a slot that keeps falling behind is stalled. */
  slotLagThresholdBytes: number;
  /** How long the lag must stay above the threshold, not shrinking, before readiness fails. */
  slotStallMs: number;
}

/**
 * Debezium's own tables in the SOURCE database (schema `syncline`), both in the publication:
 * the signal table carries `execute-snapshot` signals and the incremental snapshot's watermarks;
 * the heartbeat table is written by the connector's heartbeat.action.query so that the slot
 * moves on while every captured table is idle. Their events are dropped by the connector's
 * `dropSynclineTables` transform: no topic, no collection. debezium/postgres-connector.json
 * names them literally (checked by deploy/test/debezium-collections.spec.ts).
 */
export const DEBEZIUM_TABLES = {
  signal: 'debezium_signal',
  heartbeat: 'debezium_heartbeat',
} as const;

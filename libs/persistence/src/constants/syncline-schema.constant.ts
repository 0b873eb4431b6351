/**
 * The Postgres schema of everything Syncline owns: the control plane (in the control-plane
 * database) and Debezium's signal and heartbeat tables (in the source database). Never a
 * collection: the collections registry skips it.
 */
export const SYNCLINE_SCHEMA = 'syncline';

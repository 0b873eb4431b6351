import { Secret } from '../utils/secret';

/**
 * Where Syncline keeps its own tables (tenants, destinations, mappings, delivery log, reconcile
 * runs): the `syncline` schema of this database. Every field falls back to the source database's
 * (`SYNCLINE_PG_*`), so one database serves both unless SYNCLINE_CONTROL_PG_* say otherwise.
 */
export interface ControlPlaneConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password: Secret<string>;
  /** True when the control plane shares the source database (same host, port and database). */
  sharesSourceDatabase: boolean;
}

import { Secret } from '../utils/secret';

export interface PostgresConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Empty when the server trusts the connection (local stack). */
  password: Secret<string>;
  /** Least-privilege REPLICATION role Debezium connects as; migrations grant it SELECT. */
  cdcRole: string;
  /** The publication Debezium reads: its tables are the candidate collections. */
  publication: string;
  /** The collections config (YAML); absent = every published table with a primary key. */
  collectionsFile?: string;
}

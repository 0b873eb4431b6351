import type { SyncedRecordEntity } from '../entities/synced-record.entity';

export interface EntityRegistration<E extends SyncedRecordEntity = SyncedRecordEntity> {
  /** Postgres table (schema public); Debezium's topic is <prefix>.public.<table>. */
  table: string;
  entity: new () => E;
}

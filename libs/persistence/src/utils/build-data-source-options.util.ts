import { getConfig, type SynclineConfig } from '@syncline/config';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../constants/entities.constant';
import { MIGRATIONS } from '../constants/migrations.constant';
import { MIGRATIONS_TABLE } from '../constants/migrations-table.constant';

/**
 * TypeORM options for System A. The schema comes only from migrations: `synchronize` stays off
 * so that no process can alter tables Debezium reads.
 */
export function buildDataSourceOptions(
  config: SynclineConfig = getConfig(),
  overrides: { applicationName?: string } = {},
): DataSourceOptions {
  const pg = config.postgres;
  return {
    type: 'postgres',
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: pg.user,
    password: pg.password.reveal() || undefined,
    applicationName: overrides.applicationName ?? 'syncline',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
  };
}

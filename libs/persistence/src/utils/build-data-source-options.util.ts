import { getConfig, type SynclineConfig } from '@syncline/config';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../constants/entities.constant';
import { MIGRATIONS } from '../constants/migrations.constant';
import { MIGRATIONS_TABLE } from '../constants/migrations-table.constant';
import { SYNCLINE_SCHEMA } from '../constants/syncline-schema.constant';

/**
 * TypeORM options for the control plane: the `syncline` schema of the control-plane database
 * (SYNCLINE_CONTROL_PG_*, defaulting to the source database). The schema comes only from
 * migrations: `synchronize` stays off. The connection's search_path is that schema alone, so SQL
 * written against the control plane can never resolve to a user's table of the same name.
 */
export function buildDataSourceOptions(
  config: SynclineConfig = getConfig(),
  overrides: { applicationName?: string } = {},
): DataSourceOptions {
  const pg = config.controlPlane;
  return {
    type: 'postgres',
    host: pg.host,
    port: pg.port,
    database: pg.database,
    username: pg.user,
    password: pg.password.reveal() || undefined,
    applicationName: overrides.applicationName ?? 'syncline',
    schema: SYNCLINE_SCHEMA,
    extra: { options: `-c search_path=${SYNCLINE_SCHEMA}` },
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
  };
}

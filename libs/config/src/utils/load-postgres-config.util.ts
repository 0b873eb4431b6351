import { PostgresConfig } from '../types/postgres-config.type';
import { EnvReader } from './env-reader';

export function loadPostgresConfig(env: EnvReader): PostgresConfig {
  return {
    host: env.string('SYNCLINE_PG_HOST', '127.0.0.1'),
    port: env.port('SYNCLINE_PG_PORT', 5432),
    database: env.string('SYNCLINE_PG_DATABASE', 'syncline'),
    user: env.string('SYNCLINE_PG_USER', 'syncline'),
    password: env.secret('SYNCLINE_PG_PASSWORD'),
    cdcRole: env.pgIdentifier('SYNCLINE_CDC_ROLE', 'syncline_cdc'),
    publication: env.pgIdentifier('SYNCLINE_PUBLICATION', 'syncline_cdc'),
    collectionsFile: env.string('SYNCLINE_COLLECTIONS_FILE', '') || undefined,
  };
}

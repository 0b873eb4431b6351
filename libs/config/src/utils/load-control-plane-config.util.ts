import { ControlPlaneConfig } from '../types/control-plane-config.type';
import { PostgresConfig } from '../types/postgres-config.type';
import { EnvReader } from './env-reader';

/** SYNCLINE_CONTROL_PG_*, each falling back to the source database's setting. */
export function loadControlPlaneConfig(env: EnvReader, source: PostgresConfig): ControlPlaneConfig {
  const host = env.string('SYNCLINE_CONTROL_PG_HOST', source.host);
  const port = env.port('SYNCLINE_CONTROL_PG_PORT', source.port);
  const database = env.string('SYNCLINE_CONTROL_PG_DATABASE', source.database);
  return {
    host,
    port,
    database,
    user: env.string('SYNCLINE_CONTROL_PG_USER', source.user),
    password: env.secret('SYNCLINE_CONTROL_PG_PASSWORD', source.password.reveal()),
    sharesSourceDatabase:
      host === source.host && port === source.port && database === source.database,
  };
}

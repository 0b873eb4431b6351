import { PostgresConfig } from '@syncline/config';
import { Pool, types } from 'pg';

// `date` columns stay 'YYYY-MM-DD' strings: node-postgres would make a local-time Date of them,
// which shifts the day in any time zone west of UTC.
types.setTypeParser(types.builtins.DATE, (value) => value);

/** A node-postgres pool on System A. */
export function createSourcePool(
  config: PostgresConfig,
  max = 10,
  applicationName = 'syncline',
): Pool {
  return new Pool({
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: config.password.reveal() || undefined,
    max,
    application_name: applicationName,
  });
}

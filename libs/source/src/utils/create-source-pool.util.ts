import { PostgresConfig } from '@syncline/config';
import { Pool, types } from 'pg';

// `date` columns stay 'YYYY-MM-DD' strings: node-postgres would make a local-time Date of them,
// which shifts the day in any time zone east of UTC.
types.setTypeParser(types.builtins.DATE, (value) => value);
// json/jsonb stay text too, exactly as Debezium delivers them, so both sources canonicalize one way
// (a JSON string value would otherwise arrive parsed from one source and as text from the other).
types.setTypeParser(types.builtins.JSON, (value) => value);
types.setTypeParser(types.builtins.JSONB, (value) => value);

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

import { PostgresConfig } from '@syncline/config';
import { Pool, types } from 'pg';

// Raw text for the types whose parsed form would differ between our two sources of rows:
// `date` (node-postgres makes a local-time Date of it, shifting the day east of UTC) and json/jsonb
// (Debezium delivers text; a JSON string value would otherwise arrive parsed from one source only).
// Set on this pool only: TypeORM, in the same process, expects the usual parsers.
const RAW_TEXT = new Set<number>([types.builtins.DATE, types.builtins.JSON, types.builtins.JSONB]);
const sourceTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    RAW_TEXT.has(oid)
      ? (value: string) => value
      : (types.getTypeParser(oid, format) as unknown)) as typeof types.getTypeParser,
};

// One text form per type for rows read as text (RAW_TEXT_TYPES): timestamps printed in UTC,
// intervals as ISO 8601 durations, dates as YYYY-MM-DD, whatever the server's defaults are.
export const SOURCE_SESSION_OPTIONS = '-c TimeZone=UTC -c IntervalStyle=iso_8601 -c DateStyle=ISO';

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
    types: sourceTypes,
    options: SOURCE_SESSION_OPTIONS,
  });
}

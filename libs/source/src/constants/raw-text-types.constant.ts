import { CustomTypesConfig } from 'pg';

/**
 * Per-query type parsers that keep every column as the text Postgres sent. Rows of System A go
 * through `toCanonicalValue`, which then sees one form per type (the source pool's session prints
 * timestamps in UTC, intervals in ISO 8601, dates as ISO). Per query rather than on the pool: the
 * catalog reader and the reconciler share the pool and expect node-postgres' parsed values.
 */
export const RAW_TEXT_TYPES: CustomTypesConfig = {
  getTypeParser: () => (value: string) => value,
};

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './utils/build-data-source-options.util';

/**
 * The DataSource for the TypeORM CLI and scripts/db-migrate.ts, built from the environment.
 * Deliberately not re-exported from index.ts: importing the library must not read the
 * environment; apps call `buildDataSourceOptions()` instead.
 *   npx typeorm-ts-node-commonjs -d libs/persistence/src/data-source.ts migration:show
 */
// Exactly one DataSource export: the TypeORM CLI refuses files with more.
export const dataSource = new DataSource(
  buildDataSourceOptions(undefined, { applicationName: 'syncline-cli' }),
);

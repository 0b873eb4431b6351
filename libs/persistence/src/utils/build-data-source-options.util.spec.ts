import { loadConfig } from '@syncline/config';
import { getMetadataArgsStorage } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { ENTITIES } from '../constants/entities.constant';
import { buildDataSourceOptions } from './build-data-source-options.util';

describe(buildDataSourceOptions.name, () => {
  it('connects where the config says, never synchronizes, and runs each migration in its own transaction', () => {
    const config = loadConfig({
      SYNCLINE_PG_HOST: 'db',
      SYNCLINE_PG_PORT: '6543',
      SYNCLINE_PG_DATABASE: 'crm',
      SYNCLINE_PG_USER: 'app',
      SYNCLINE_PG_PASSWORD: 'pw',
    });

    expect(buildDataSourceOptions(config)).toMatchObject({
      type: 'postgres',
      host: 'db',
      port: 6543,
      database: 'crm',
      username: 'app',
      password: 'pw',
      synchronize: false,
      migrationsRun: false,
      migrationsTransactionMode: 'each',
      entities: ENTITIES,
    });
  });

  it('connects to the control-plane database when it is a separate one', () => {
    const config = loadConfig({
      SYNCLINE_PG_HOST: 'source',
      SYNCLINE_PG_DATABASE: 'shop',
      SYNCLINE_CONTROL_PG_HOST: 'control',
      SYNCLINE_CONTROL_PG_DATABASE: 'syncline',
      SYNCLINE_CONTROL_PG_USER: 'syncline_app',
    });

    expect(buildDataSourceOptions(config)).toMatchObject({
      host: 'control',
      database: 'syncline',
      username: 'syncline_app',
    });
  });

  it("keeps every table, the migrations table included, in the syncline schema, and SQL's unqualified names there too", () => {
    const options = buildDataSourceOptions(loadConfig({})) as PostgresConnectionOptions;

    expect(options.schema).toBe('syncline');
    expect(options.extra).toEqual({ options: '-c search_path=syncline' });
    const tables = getMetadataArgsStorage().tables.filter((t) =>
      (ENTITIES as unknown[]).includes(t.target),
    );
    expect(tables).toHaveLength(ENTITIES.length);
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set(['syncline']));
  });

  it('sends no password when none is configured (trust auth)', () => {
    const options = buildDataSourceOptions(loadConfig({})) as PostgresConnectionOptions;
    expect(options.password).toBeUndefined();
  });
});

import { loadConfig } from '@syncline/config';
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

  it('sends no password when none is configured (trust auth)', () => {
    const options = buildDataSourceOptions(loadConfig({})) as PostgresConnectionOptions;
    expect(options.password).toBeUndefined();
  });
});

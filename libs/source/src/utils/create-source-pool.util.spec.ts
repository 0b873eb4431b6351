import { loadConfig } from '@syncline/config';
import { types } from 'pg';
import { createSourcePool } from './create-source-pool.util';

describe(createSourcePool.name, () => {
  it("keeps `date` columns as the 'YYYY-MM-DD' text Postgres sent, never a local-time Date", () => {
    // A Date at local midnight would name the previous UTC day east of UTC; text has no zone.
    const parseDate = types.getTypeParser(types.builtins.DATE, 'text') as (text: string) => unknown;
    expect(parseDate('2024-03-01')).toBe('2024-03-01');
    expect(parseDate('1969-12-31')).toBe('1969-12-31');
  });

  it('connects where the config says, with the given size and application name', async () => {
    const config = loadConfig({
      SYNCLINE_PG_HOST: 'db.internal',
      SYNCLINE_PG_PORT: '6543',
      SYNCLINE_PG_DATABASE: 'crm',
      SYNCLINE_PG_USER: 'app',
      SYNCLINE_PG_PASSWORD: 's3cret',
    });
    const pool = createSourcePool(config.postgres, 4, 'syncline-cache-api');
    try {
      expect(pool.options).toMatchObject({
        host: 'db.internal',
        port: 6543,
        database: 'crm',
        user: 'app',
        password: 's3cret',
        max: 4,
        application_name: 'syncline-cache-api',
      });
    } finally {
      await pool.end();
    }
  });

  it('sends no password when none is configured (trust auth on the local stack)', async () => {
    const pool = createSourcePool(loadConfig({}).postgres);
    try {
      expect(pool.options.password).toBeUndefined();
      expect(pool.options.max).toBe(10);
    } finally {
      await pool.end();
    }
  });
});

import { loadConfig } from '@syncline/config';
import { types } from 'pg';
import { createSourcePool } from './create-source-pool.util';

describe(createSourcePool.name, () => {
  it('keeps `date` and json columns as the text Postgres sent, on this pool only', async () => {
    // A Date at local midnight would name the previous UTC day east of UTC; text has no zone.
    const pool = createSourcePool(loadConfig({}).postgres);
    try {
      const poolTypes = (pool.options as unknown as { types: typeof types }).types;
      const parse = (oid: number) =>
        poolTypes.getTypeParser(oid, 'text') as (text: string) => unknown;
      expect(parse(types.builtins.DATE)('2024-03-01')).toBe('2024-03-01');
      expect(parse(types.builtins.DATE)('1969-12-31')).toBe('1969-12-31');
      expect(parse(types.builtins.JSONB)('"42"')).toBe('"42"');
      expect(parse(types.builtins.INT4)('42')).toBe(42);
      // Everyone else in the process (TypeORM) keeps the usual parsers.
      expect(
        (types.getTypeParser(types.builtins.JSONB, 'text') as (t: string) => unknown)('{"a":1}'),
      ).toEqual({ a: 1 });
    } finally {
      await pool.end();
    }
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
        // One text form per type for toCanonicalValue, whatever the server's defaults.
        options: '-c TimeZone=UTC -c IntervalStyle=iso_8601 -c DateStyle=ISO',
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

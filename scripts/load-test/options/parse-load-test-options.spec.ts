import { LoadTestOptionsException } from './load-test-options.exception';
import { parseLoadTestOptions } from './parse-load-test-options';

const stackEnv = {
  SYNCLINE_PG_HOST: '127.0.0.1',
  SYNCLINE_PG_PORT: '31432',
  SYNCLINE_PG_PASSWORD: 'pw',
  SYNCLINE_KAFKA_BROKERS: '127.0.0.1:31492',
  SYNCLINE_ADMIN_API_KEY: 'admin-key-0123456789',
  SYNCLINE_STACK_DIR: '/stack',
};

function parse(args: string[], env: Record<string, string> = stackEnv) {
  const parsed = parseLoadTestOptions(args, env, '/repo');
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
}

function problems(args: string[], env: Record<string, string> = stackEnv): string[] {
  try {
    parseLoadTestOptions(args, env, '/repo');
  } catch (error) {
    if (error instanceof LoadTestOptionsException) return error.problems;
    throw error;
  }
  throw new Error('no problems');
}

describe(parseLoadTestOptions.name, () => {
  it('defaults to a local 1k/s, 30 s write run against the stack in the environment', () => {
    const options = parse([]);
    expect(options).toMatchObject({
      target: 'local',
      rate: 1000,
      apiRate: 0,
      durationMs: 30_000,
      mix: { insert: 40, update: 50, delete: 10 },
      tenants: 10,
      startApps: 'auto',
      seedRecords: 0,
      crmFraction: 0.1,
      html: true,
      outDir: '/repo/bench-results/load-test',
      kafkaBrokers: ['127.0.0.1:31492'],
      stackDir: '/stack',
      adminApiKey: 'admin-key-0123456789',
    });
    expect(options.postgres).toMatchObject({ port: 31432, password: 'pw' });
    expect(options.apiKeys['loadtest-1']).toBe('loadtest-1-load-test-key');
  });

  it('reads flags in both --name value and --name=value forms, and durations with units', () => {
    const options = parse([
      '--rate=5000',
      '--duration',
      '2m',
      '--drain-timeout',
      '500ms',
      '--mix',
      '1:0:0',
      '--api-rate',
      '10000',
      '--count',
      '300',
      '--json-only',
      '--out',
      '/tmp/x',
      '--crm-sim-url',
      'http://127.0.0.1:4010/',
    ]);
    expect(options).toMatchObject({
      rate: 5000,
      durationMs: 120_000,
      drainTimeoutMs: 500,
      mix: { insert: 1, update: 0, delete: 0 },
      apiRate: 10_000,
      seedRecords: 10_000,
      count: 300,
      html: false,
      outDir: '/tmp/x',
    });
    expect(options.urls.crmSim).toBe('http://127.0.0.1:4010');
    expect(parse(['--duration', '45']).durationMs).toBe(45_000);
  });

  it('warms the cache-api up for 5 s before measuring it, unless told otherwise', () => {
    expect(parse(['--rate', '0', '--api-rate', '100']).apiWarmupMs).toBe(5_000);
    expect(parse(['--rate', '0', '--api-rate', '100', '--api-warmup', '0']).apiWarmupMs).toBe(0);
    expect(parse(['--rate', '0', '--api-rate', '100', '--api-warmup', '2s']).apiWarmupMs).toBe(
      2_000,
    );
    expect(parse([]).apiWarmupMs).toBe(0);
    expect(problems(['--api-rate', '100', '--api-warmup', 'soon'])).toEqual([
      expect.stringContaining('--api-warmup must be a positive duration'),
    ]);
  });

  it('answers --help without validating anything else', () => {
    expect(parseLoadTestOptions(['--rate', 'lots', '--help'], {}, '/repo')).toEqual({ help: true });
  });

  it('names every bad flag at once', () => {
    expect(
      problems([
        '--rate',
        '-5',
        '--duration',
        'soon',
        '--mix',
        '1:2',
        '--hot-fraction',
        '1.5',
        '--bogus',
      ]),
    ).toEqual([
      "unknown argument '--bogus'",
      '--rate must be within 0..1000000; got -5',
      "--mix must be 3 non-negative weights insert:update:delete, not all 0; got '1:2'",
      "--duration must be a positive duration such as 30s, 2m, 500ms or 45; got 'soon'",
      '--hot-fraction must be within 0..1; got 1.5',
    ]);
  });

  it('refuses flags without values, nothing to do, and an unusable target', () => {
    expect(problems(['--rate'])).toContain('--rate needs a value');
    expect(problems(['--rate', '0'])).toContain('--rate and --api-rate are both 0: nothing to do');
    expect(problems(['--cache-api-url', 'localhost:3000'])).toContain(
      "--cache-api-url (SYNCLINE_LOAD_CACHE_API_URL) must be an http(s) base URL such as http://127.0.0.1:3000; got 'localhost:3000'",
    );
    expect(problems(['--target', 'cluster', '--start-apps', 'always'])).toContain(
      '--start-apps must be never with --target cluster (a cluster runs its own apps)',
    );
    expect(problems(['--mix', '0:1:1'])).toContain(
      '--mix needs a non-zero insert weight (updates and deletes need rows)',
    );
    expect(problems(['--kafka-brokers', 'kafka'])).toContain(
      "--kafka-brokers must be host:port[,host:port...]; got 'kafka'",
    );
  });

  it('takes a cluster from flags or SYNCLINE_LOAD_* and needs API keys for its tenants', () => {
    const env = {
      SYNCLINE_LOAD_CACHE_API_URL: 'http://127.0.0.1:18080',
      SYNCLINE_LOAD_PG_URL: 'postgres://syncline:secret@127.0.0.1:15432/syncline',
      SYNCLINE_LOAD_KAFKA_BROKERS: '127.0.0.1:19092',
      SYNCLINE_LOAD_ADMIN_KEY: 'cluster-admin-key-0123',
    };
    const options = parse(['--target', 'cluster', '--tenants', '1'], env);
    expect(options).toMatchObject({
      target: 'cluster',
      startApps: 'never',
      kafkaBrokers: ['127.0.0.1:19092'],
      adminApiKey: 'cluster-admin-key-0123',
      urls: { cacheApi: 'http://127.0.0.1:18080' },
      postgres: { connectionString: 'postgres://syncline:secret@127.0.0.1:15432/syncline' },
    });
    const missing = problems(['--target', 'cluster', '--api-rate', '100', '--tenants', '2'], env);
    expect(missing[0]).toMatch(
      /needs --api-keys for every tenant \(missing: loadtest-1, loadtest-2\)/,
    );
    const keyed = parse(
      [
        '--target',
        'cluster',
        '--api-rate',
        '100',
        '--tenants',
        '1',
        '--api-keys',
        'loadtest-1=cluster-key-0123456789',
      ],
      env,
    );
    expect(keyed.apiKeys).toEqual({ 'loadtest-1': 'cluster-key-0123456789' });
  });

  it('never echoes an API key or a password in its errors', () => {
    const text = problems([
      '--api-keys',
      'loadtest-1=short-secret',
      '--pg-url',
      'mysql://u:hunter2@h/db',
    ]).join(' ');
    expect(text).not.toContain('short-secret');
    expect(text).not.toContain('hunter2');
  });

  describe('--collection', () => {
    it('targets any collection, without CRM sampling unless asked', () => {
      const options = parse(['--collection', 'stock_level']);
      expect(options.collection).toBe('stock_level');
      expect(options.crmFraction).toBe(0);
      expect(parse([]).collection).toBeUndefined();
    });

    it('refuses a name no collection can have, and CRM sampling off the demo table', () => {
      expect(problems(['--collection', 'stock levels'])).toEqual([
        expect.stringContaining('--collection must be a collection name'),
      ]);
      expect(problems(['--collection', 'stock_level', '--crm-fraction', '0.5'])).toEqual([
        expect.stringContaining('--crm-fraction > 0 is measured on the demo table only'),
      ]);
    });
  });
});

import { inspect } from 'node:util';
import { ConfigValidationException } from '../exceptions/config-validation.exception';
import { loadConfig } from './load-config.util';
import { redactConfig } from './redact-config.util';

describe(loadConfig.name, () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});

    expect(config.postgres).toMatchObject({
      host: '127.0.0.1',
      port: 5432,
      database: 'syncline',
      user: 'syncline',
      cdcRole: 'syncline_cdc',
    });
    expect(config.postgres.password.reveal()).toBe('');
    expect(config.redis.url.reveal()).toBe('redis://127.0.0.1:6379');
    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], topicPrefix: 'syncline' });
    expect(config.log.level).toBe('info');
  });

  it('reads every variable of the stack contract', () => {
    const config = loadConfig({
      SYNCLINE_PG_HOST: 'db.internal',
      SYNCLINE_PG_PORT: '55432',
      SYNCLINE_PG_DATABASE: 'crm',
      SYNCLINE_PG_USER: 'app',
      SYNCLINE_PG_PASSWORD: 's3cret',
      SYNCLINE_REDIS_URL: 'rediss://:pw@cache:6380/2',
      SYNCLINE_KAFKA_BROKERS: ' k1:9092, k2:9093 ,',
      SYNCLINE_TOPIC_PREFIX: 'dev.syncline',
      SYNCLINE_CDC_ROLE: 'cdc_reader',
      SYNCLINE_LOG_LEVEL: 'DEBUG',
    });

    expect(config.postgres.host).toBe('db.internal');
    expect(config.postgres.port).toBe(55432);
    expect(config.postgres.database).toBe('crm');
    expect(config.postgres.user).toBe('app');
    expect(config.postgres.password.reveal()).toBe('s3cret');
    expect(config.postgres.cdcRole).toBe('cdc_reader');
    expect(config.redis.url.reveal()).toBe('rediss://:pw@cache:6380/2');
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9093']);
    expect(config.kafka.topicPrefix).toBe('dev.syncline');
    expect(config.log.level).toBe('debug');
  });

  it.each(['abc', '0', '70000', '54.3', '-1'])(
    'rejects SYNCLINE_PG_PORT=%s naming the variable',
    (port) => {
      expect(() => loadConfig({ SYNCLINE_PG_PORT: port })).toThrow(/SYNCLINE_PG_PORT/);
    },
  );

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        SYNCLINE_PG_PORT: 'x',
        SYNCLINE_KAFKA_BROKERS: 'no-port',
        SYNCLINE_LOG_LEVEL: 'loud',
        SYNCLINE_CDC_ROLE: 'bad"; drop',
        SYNCLINE_REDIS_URL: 'http://:pw@cache',
        SYNCLINE_TOPIC_PREFIX: 'a/b',
      });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(ConfigValidationException);
    const exception = error as ConfigValidationException;
    expect(exception.variables.sort()).toEqual([
      'SYNCLINE_CDC_ROLE',
      'SYNCLINE_KAFKA_BROKERS',
      'SYNCLINE_LOG_LEVEL',
      'SYNCLINE_PG_PORT',
      'SYNCLINE_REDIS_URL',
      'SYNCLINE_TOPIC_PREFIX',
    ]);
    // The bad Redis URL may hold a password: the message must not echo it.
    expect(exception.message).not.toContain('pw');
  });

  describe('SYNCLINE_REDIS_CLUSTER_NODES', () => {
    it('is empty (a single instance) unless set', () => {
      expect(loadConfig({}).redis.clusterNodes).toEqual([]);
    });

    it('reads a comma list of seed node URLs', () => {
      const config = loadConfig({
        SYNCLINE_REDIS_CLUSTER_NODES: ' rediss://u:pw@c1:6379, rediss://u:pw@c2:6380 ,',
      });
      expect(config.redis.clusterNodes.map((node) => node.reveal())).toEqual([
        'rediss://u:pw@c1:6379',
        'rediss://u:pw@c2:6380',
      ]);
    });

    it.each([
      ['a host:port without scheme', 'c1:6379'],
      ['an http URL', 'redis://c1:6379,http://c2:6379'],
      ['seeds with different credentials', 'redis://:a@c1:6379,redis://:b@c2:6379'],
      ['seeds mixing TLS and plain', 'rediss://c1:6379,redis://c2:6379'],
    ])('refuses %s, naming the variable and never the value', (_, value) => {
      let error: unknown;
      try {
        loadConfig({ SYNCLINE_REDIS_CLUSTER_NODES: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigValidationException);
      const exception = error as ConfigValidationException;
      expect(exception.issues.map((i) => i.variable)).toEqual(['SYNCLINE_REDIS_CLUSTER_NODES']);
      expect(exception.message).not.toContain('c2');
    });
  });

  it('never prints secrets through JSON, inspect, interpolation or redactConfig', () => {
    const config = loadConfig({
      SYNCLINE_PG_PASSWORD: 'hunter2',
      SYNCLINE_REDIS_URL: 'redis://:topsecret@cache:6379',
      SYNCLINE_REDIS_CLUSTER_NODES: 'redis://:topsecret@node-1:6379,redis://:topsecret@node-2:6379',
    });

    const outputs = [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      `${String(config.postgres.password)}`,
      JSON.stringify(redactConfig(config)),
    ];
    for (const out of outputs) {
      expect(out).not.toContain('hunter2');
      expect(out).not.toContain('topsecret');
      expect(out).toContain('[redacted]');
    }
    expect(redactConfig(config).postgres).toEqual({
      host: '127.0.0.1',
      port: 5432,
      database: 'syncline',
      user: 'syncline',
      password: '[redacted]',
      cdcRole: 'syncline_cdc',
      publication: 'syncline_cdc',
      collectionsFile: undefined,
    });
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config.postgres)).toBe(true);
    expect(Object.isFrozen(config.kafka.brokers)).toBe(true);
  });
});

describe('worker and API sections', () => {
  it('parses per-tenant API keys and keeps them out of logs', () => {
    const config = loadConfig({
      SYNCLINE_API_KEYS: 'acme=acme-key-0123456789,globex=globex-key-0123456789',
    });
    expect([...config.http.apiKeys.reveal()]).toEqual([
      ['acme', 'acme-key-0123456789'],
      ['globex', 'globex-key-0123456789'],
    ]);
    expect(JSON.stringify(redactConfig(config))).not.toContain('acme-key');
  });

  it('rejects a short API key without echoing it', () => {
    let error: unknown;
    try {
      loadConfig({ SYNCLINE_API_KEYS: 'acme=short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationException);
    expect(String((error as Error).message)).toContain('SYNCLINE_API_KEYS');
    expect(String((error as Error).message)).not.toContain('short');
  });

  it('bounds the sync-worker settings', () => {
    expect(() => loadConfig({ SYNCLINE_SYNC_MAX_EVENT_BYTES: '10' })).toThrow(
      /SYNCLINE_SYNC_MAX_EVENT_BYTES/,
    );
    expect(loadConfig({}).syncWorker).toEqual({
      groupId: 'syncline-cache',
      maxEventBytes: 1048576,
      fetchBytesPerPartition: 262144,
      partitionsConcurrency: 6,
      sessionTimeoutMs: 30000,
      noticePartitions: 6,
      newTopicCheckMs: 30_000,
    });
  });

  it('defaults the health settings and names bad ones', () => {
    expect(loadConfig({}).health).toEqual({
      sampleIntervalMs: 15_000,
      slotName: 'syncline',
      connectUrl: '',
      connectorName: 'syncline-postgres',
      slotLagThresholdBytes: 256 * 1024 * 1024,
      slotStallMs: 300_000,
    });
    expect(loadConfig({ SYNCLINE_CONNECT_URL: 'http://connect:8083/' }).health.connectUrl).toBe(
      'http://connect:8083',
    );
    expect(() =>
      loadConfig({
        SYNCLINE_CONNECT_URL: 'connect:8083',
        SYNCLINE_CDC_SLOT: 'Bad-Slot',
        SYNCLINE_HEALTH_INTERVAL_MS: '10',
      }),
    ).toThrow(/SYNCLINE_CONNECT_URL[\s\S]*SYNCLINE_CDC_SLOT[\s\S]*SYNCLINE_HEALTH_INTERVAL_MS/);
  });

  it('reads SYNCLINE_PUBLIC_URL (optional, absolute http(s)) without a trailing slash', () => {
    expect(loadConfig({}).http.publicUrl).toBe('');
    expect(loadConfig({ SYNCLINE_PUBLIC_URL: 'https://sync.example.com/' }).http.publicUrl).toBe(
      'https://sync.example.com',
    );
    expect(loadConfig({ SYNCLINE_PUBLIC_URL: 'http://10.0.0.5:8080' }).http.publicUrl).toBe(
      'http://10.0.0.5:8080',
    );
    for (const bad of ['sync.example.com', '/v1/webhooks', 'ftp://sync.example.com'])
      expect(() => loadConfig({ SYNCLINE_PUBLIC_URL: bad })).toThrow(/SYNCLINE_PUBLIC_URL/);
  });

  it('refuses an admin key shorter than 32 characters, naming the setting, not the key', () => {
    let error: unknown;
    try {
      loadConfig({ SYNCLINE_ADMIN_API_KEY: 'syncline-local-admin-key' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationException);
    expect((error as ConfigValidationException).variables).toEqual(['SYNCLINE_ADMIN_API_KEY']);
    expect(String((error as Error).message)).not.toContain('syncline-local-admin-key');
    const key = 'a'.repeat(32);
    expect(loadConfig({ SYNCLINE_ADMIN_API_KEY: key }).http.adminApiKey.reveal()).toBe(key);
    // Unset: the admin API is closed, which is allowed.
    expect(loadConfig({}).http.adminApiKey.reveal()).toBe('');
  });

  it.each([
    ['one key for two tenants', 'acme=shared-key-0123456789,globex=shared-key-0123456789'],
    ['one tenant twice', 'acme=acme-key-0123456789,acme=acme-key-9876543210'],
  ])('refuses duplicate tenant keys at start-up (%s)', (_, apiKeys) => {
    let error: unknown;
    try {
      loadConfig({ SYNCLINE_API_KEYS: apiKeys });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationException);
    expect((error as ConfigValidationException).variables).toEqual(['SYNCLINE_API_KEYS']);
    expect(String((error as Error).message)).not.toContain('key-0123456789');
  });

  it('refuses a tenant key that is also the admin key', () => {
    const admin = 'admin-key-0123456789-0123456789-01';
    expect(() =>
      loadConfig({ SYNCLINE_ADMIN_API_KEY: admin, SYNCLINE_API_KEYS: `acme=${admin}` }),
    ).toThrow(/SYNCLINE_API_KEYS/);
  });

  it('reads the destination host allow-list and refuses entries that are not host patterns', () => {
    expect(loadConfig({}).delivery.destinationHosts).toEqual([]);
    expect(
      loadConfig({
        SYNCLINE_DESTINATION_HOSTS: ' api.hubapi.com, *.my.salesforce.com,crm-sim.syncline.svc ',
      }).delivery.destinationHosts,
    ).toEqual(['api.hubapi.com', '*.my.salesforce.com', 'crm-sim.syncline.svc']);
    for (const bad of [
      'https://api.hubapi.com',
      'api.hubapi.com/path',
      '*',
      'a.*.com',
      'host:443',
    ]) {
      expect(() => loadConfig({ SYNCLINE_DESTINATION_HOSTS: bad })).toThrow(
        /SYNCLINE_DESTINATION_HOSTS/,
      );
    }
  });
});

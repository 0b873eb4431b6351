import { join } from 'node:path';
import type { ApiMix } from '../workload/api-mix.type';
import type { ChangeMix } from '../workload/change-mix.type';
import { LoadTestOptionsException } from './load-test-options.exception';
import type { LoadTestOptions } from './load-test-options.type';

export type ParsedLoadTestArgs = { help: true } | { help: false; options: LoadTestOptions };

type Env = Record<string, string | undefined>;

const BOOLEAN_FLAGS = new Set(['--keep-data', '--no-html', '--json-only', '--help', '-h']);
const VALUE_FLAGS = new Set([
  '--rate',
  '--collection',
  '--api-rate',
  '--duration',
  '--count',
  '--mix',
  '--api-mix',
  '--tenants',
  '--tenant-prefix',
  '--hot-fraction',
  '--hot-access',
  '--payload-bytes',
  '--connections',
  '--max-batch',
  '--api-connections',
  '--api-batch-size',
  '--seed-records',
  '--crm-fraction',
  '--drain-timeout',
  '--api-warmup',
  '--target',
  '--start-apps',
  '--sync-workers',
  '--cache-api-url',
  '--sync-worker-url',
  '--delivery-worker-url',
  '--crm-sim-url',
  '--pg-url',
  '--kafka-brokers',
  '--admin-key',
  '--api-keys',
  '--visible-clock',
  '--out',
]);
const TENANT = /^[A-Za-z0-9._@-]{1,100}$/;

/**
 * argv (without node and script) and the environment -> validated options. Every problem is
 * collected and thrown together as `LoadTestOptionsException`. Pure: `repo` anchors `--out`.
 */
export function parseLoadTestOptions(
  argv: readonly string[],
  env: Env,
  repo: string,
): ParsedLoadTestArgs {
  const problems: string[] = [];
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) problems.push(`${name} takes no value`);
      switches.add(name);
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) {
        problems.push(`${name} needs a value`);
        continue;
      }
      if (eq < 0) i++;
      flags.set(name, value);
    } else {
      problems.push(`unknown argument '${arg}'`);
    }
  }
  if (switches.has('--help') || switches.has('-h')) return { help: true };

  const raw = (flag: string, envName?: string): string | undefined =>
    flags.get(flag) ?? (envName ? nonEmpty(env[envName]) : undefined);
  const number = (
    flag: string,
    fallback: number,
    { min, max, integer }: { min: number; max: number; integer: boolean },
  ): number => {
    const text = raw(flag);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      problems.push(`${flag} must be ${integer ? 'an integer' : 'a number'}; got '${text}'`);
      return fallback;
    }
    if (value < min || value > max) {
      problems.push(`${flag} must be within ${min}..${max}; got ${text}`);
      return fallback;
    }
    return value;
  };
  const int = (flag: string, fallback: number, min: number, max: number) =>
    number(flag, fallback, { min, max, integer: true });
  const fraction = (flag: string, fallback: number) =>
    number(flag, fallback, { min: 0, max: 1, integer: false });
  const duration = (flag: string, fallback: number): number => {
    const text = raw(flag);
    if (text === undefined) return fallback;
    const ms = parseDurationMs(text);
    if (ms === undefined || ms <= 0) {
      problems.push(
        `${flag} must be a positive duration such as 30s, 2m, 500ms or 45; got '${text}'`,
      );
      return fallback;
    }
    return ms;
  };
  const choice = <T extends string>(flag: string, allowed: readonly T[], fallback: T): T => {
    const text = raw(flag);
    if (text === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(text)) {
      problems.push(`${flag} must be one of ${allowed.join(', ')}; got '${text}'`);
      return fallback;
    }
    return text as T;
  };
  const url = (flag: string, envName: string, fallback: string): string => {
    const text = raw(flag, envName) ?? fallback;
    if (!/^https?:\/\/[^/\s]+\/?$/.test(text)) {
      problems.push(
        `${flag} (${envName}) must be an http(s) base URL such as http://127.0.0.1:3000; got '${text}'`,
      );
      return fallback;
    }
    return text.replace(/\/$/, '');
  };

  const rate = int('--rate', 1000, 0, 1_000_000);
  const apiRate = int('--api-rate', 0, 0, 1_000_000);
  if (rate === 0 && apiRate === 0) problems.push('--rate and --api-rate are both 0: nothing to do');
  const count = raw('--count') === undefined ? undefined : int('--count', 1, 1, 1_000_000_000);
  const target = choice('--target', ['local', 'cluster'] as const, 'local');
  const startApps = choice(
    '--start-apps',
    ['auto', 'always', 'never'] as const,
    target === 'cluster' ? 'never' : 'auto',
  );
  if (target === 'cluster' && startApps !== 'never') {
    problems.push('--start-apps must be never with --target cluster (a cluster runs its own apps)');
  }
  const tenants = int('--tenants', 10, 1, 10_000);
  const tenantPrefix = raw('--tenant-prefix') ?? 'loadtest';
  if (!TENANT.test(`${tenantPrefix}-${tenants}`)) {
    problems.push(
      `--tenant-prefix may only contain letters, digits, '.', '_', '@' and '-'; got '${tenantPrefix}'`,
    );
  }
  const mix = weights<ChangeMix>(
    '--mix',
    raw('--mix') ?? '40:50:10',
    ['insert', 'update', 'delete'],
    problems,
  );
  if (mix.insert === 0 && rate > 0)
    problems.push('--mix needs a non-zero insert weight (updates and deletes need rows)');
  const apiMix = weights<ApiMix>(
    '--api-mix',
    raw('--api-mix') ?? '80:15:5',
    ['get', 'batch', 'write'],
    problems,
  );

  const pgUrl = raw('--pg-url', 'SYNCLINE_LOAD_PG_URL');
  if (pgUrl !== undefined && !/^postgres(ql)?:\/\//.test(pgUrl)) {
    problems.push(
      `--pg-url (SYNCLINE_LOAD_PG_URL) must be a postgres:// URL; got '${redactUrl(pgUrl)}'`,
    );
  }
  const brokersText =
    raw('--kafka-brokers', 'SYNCLINE_LOAD_KAFKA_BROKERS') ?? nonEmpty(env.SYNCLINE_KAFKA_BROKERS);
  const kafkaBrokers = (brokersText ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (kafkaBrokers.length === 0 || kafkaBrokers.some((b) => !/^[^:\s]+:\d{1,5}$/.test(b))) {
    problems.push(`--kafka-brokers must be host:port[,host:port...]; got '${brokersText}'`);
  }
  const adminApiKey =
    raw('--admin-key', 'SYNCLINE_LOAD_ADMIN_KEY') ?? nonEmpty(env.SYNCLINE_ADMIN_API_KEY) ?? '';
  // Any collection of the stack; without it the demo's contacts (with CRM latency).
  const collection = raw('--collection', 'SYNCLINE_LOAD_COLLECTION');
  if (collection !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(collection)) {
    problems.push(
      `--collection must be a collection name (letters, digits, '_', '-'); got '${collection}'`,
    );
  }
  const crmFraction = fraction('--crm-fraction', collection === undefined ? 0.1 : 0);
  if (collection !== undefined && crmFraction > 0) {
    problems.push(
      '--crm-fraction > 0 is measured on the demo table only (its mapping carries a marker); leave out --collection or pass --crm-fraction 0',
    );
  }
  if (crmFraction > 0 && rate > 0 && adminApiKey === '') {
    problems.push(
      '--crm-fraction > 0 needs the admin API key (--admin-key or SYNCLINE_ADMIN_API_KEY); or pass --crm-fraction 0',
    );
  }
  const tenantNames = Array.from({ length: tenants }, (_, i) => `${tenantPrefix}-${i + 1}`);
  const apiKeys = parseApiKeys(raw('--api-keys', 'SYNCLINE_LOAD_API_KEYS'), problems);
  if (apiRate > 0 && target === 'cluster') {
    const missing = tenantNames.filter((t) => apiKeys[t] === undefined);
    if (missing.length > 0) {
      problems.push(
        `--api-rate on a cluster needs --api-keys for every tenant (missing: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', ...' : ''})`,
      );
    }
  }
  // Local keys are derived from the tenant name: the load test configures the cache-api it starts.
  for (const tenant of tenantNames) apiKeys[tenant] ??= `${tenant}-load-test-key`;

  const json = switches.has('--json-only') || switches.has('--no-html');
  const options: LoadTestOptions = {
    target,
    rate,
    apiRate,
    durationMs: duration('--duration', 30_000),
    count,
    mix,
    apiMix,
    tenants,
    tenantPrefix,
    hotFraction: fraction('--hot-fraction', 0.1),
    hotAccess: fraction('--hot-access', 0.8),
    payloadBytes: int('--payload-bytes', 256, 0, 1_000_000),
    connections: int('--connections', 4, 1, 64),
    maxBatch: int('--max-batch', 500, 1, 10_000),
    apiConnections: int('--api-connections', 32, 1, 1024),
    apiBatchSize: int('--api-batch-size', 50, 1, 500),
    seedRecords: apiRate > 0 ? int('--seed-records', 10_000, 1, 10_000_000) : 0,
    collection,
    crmFraction: rate > 0 && collection === undefined ? crmFraction : 0,
    drainTimeoutMs: duration('--drain-timeout', 60_000),
    apiWarmupMs:
      apiRate > 0 ? (raw('--api-warmup') === '0' ? 0 : duration('--api-warmup', 5_000)) : 0,
    syncWorkers: int('--sync-workers', 1, 1, 16),
    startApps,
    visibleClock: choice('--visible-clock', ['observed', 'receipt'] as const, 'observed'),
    outDir: resolveOut(raw('--out') ?? 'bench-results/load-test', repo),
    html: !json,
    keepData: switches.has('--keep-data'),
    urls: {
      cacheApi: url('--cache-api-url', 'SYNCLINE_LOAD_CACHE_API_URL', 'http://127.0.0.1:3000'),
      syncWorkerOps: url(
        '--sync-worker-url',
        'SYNCLINE_LOAD_SYNC_WORKER_URL',
        'http://127.0.0.1:9464',
      ),
      deliveryWorkerOps: url(
        '--delivery-worker-url',
        'SYNCLINE_LOAD_DELIVERY_WORKER_URL',
        'http://127.0.0.1:9465',
      ),
      crmSim: url('--crm-sim-url', 'SYNCLINE_LOAD_CRM_SIM_URL', 'http://127.0.0.1:4010'),
    },
    postgres: {
      connectionString: pgUrl,
      host: nonEmpty(env.SYNCLINE_PG_HOST) ?? '127.0.0.1',
      port: Number(nonEmpty(env.SYNCLINE_PG_PORT) ?? 5432),
      database: nonEmpty(env.SYNCLINE_PG_DATABASE) ?? 'syncline',
      user: nonEmpty(env.SYNCLINE_PG_USER) ?? 'syncline',
      password: env.SYNCLINE_PG_PASSWORD ?? '',
    },
    kafkaBrokers,
    topicPrefix: nonEmpty(env.SYNCLINE_TOPIC_PREFIX) ?? 'syncline',
    groups: {
      sync: nonEmpty(env.SYNCLINE_SYNC_GROUP_ID) ?? 'syncline-cache',
      router: nonEmpty(env.SYNCLINE_DELIVERY_ROUTER_GROUP_ID) ?? 'syncline-delivery-router',
      sender: nonEmpty(env.SYNCLINE_DELIVERY_GROUP_ID) ?? 'syncline-delivery',
    },
    adminApiKey,
    apiKeys,
    stackDir: nonEmpty(env.SYNCLINE_STACK_DIR) ?? join(repo, '.stack/dev'),
  };
  if (problems.length > 0) throw new LoadTestOptionsException(problems);
  return { help: false, options };
}

/** `30s`, `2m`, `1h`, `500ms`, or a bare number of seconds. */
function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  return Math.round(Number(match[1]) * factor);
}

function weights<T extends object>(
  flag: string,
  text: string,
  names: readonly (keyof T & string)[],
  problems: string[],
): T {
  const parts = text.split(/[:,]/).map((p) => p.trim());
  const values = parts.map(Number);
  const valid =
    parts.length === names.length &&
    values.every((v, i) => parts[i] !== '' && Number.isFinite(v) && v >= 0) &&
    values.some((v) => v > 0);
  if (!valid) {
    problems.push(
      `${flag} must be ${names.length} non-negative weights ${names.join(':')}, not all 0; got '${text}'`,
    );
    return Object.fromEntries(names.map((n) => [n, 1])) as T;
  }
  return Object.fromEntries(names.map((n, i) => [n, values[i]])) as T;
}

function parseApiKeys(text: string | undefined, problems: string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  if (text === undefined) return keys;
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const tenant = entry.slice(0, at);
    if (at <= 0 || !TENANT.test(tenant) || entry.length - at - 1 < 16) {
      // Never echo a key.
      problems.push('--api-keys must be tenant=key,... with keys of 16+ characters');
      return keys;
    }
    keys[tenant] = entry.slice(at + 1);
  }
  return keys;
}

function resolveOut(dir: string, repo: string): string {
  return dir.startsWith('/') ? dir : join(repo, dir);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function redactUrl(text: string): string {
  return text.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

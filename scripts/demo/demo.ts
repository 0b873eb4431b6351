// The demo's scenario: one contact's life, shown at every hop, with the apps running as real
// processes (their logs in <stack>/apps/<app>.log).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheKeyBuilder, RecordCacheRepository } from '@syncline/cache';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';

const env = process.env as Record<string, string>;
const repo = join(__dirname, '../../..');
const appsDir = join(env.SYNCLINE_STACK_DIR, 'apps');
const keep = env.DEMO_KEEP === 'true';
const tenant = 'demo-acme';
const apiKey = 'demo-acme-key-0123456789';
const apiPort = 3000;
const step = (text: string) => console.log(`\n== ${text}`);
const show = (label: string, value: unknown) =>
  console.log(
    `   ${label.padEnd(10)} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );

function startApp(app: string, extra: Record<string, string>): number {
  mkdirSync(appsDir, { recursive: true });
  const log = openSync(join(appsDir, `${app}.log`), 'a');
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', join(repo, `dist/apps/${app}/src/main.js`)],
    {
      env: { ...env, ...extra },
      stdio: ['ignore', log, log],
      detached: keep, // with --keep the apps outlive the demo; `scripts/stack down` stops them
    },
  );
  if (keep) child.unref();
  writeFileSync(join(appsDir, `${app}.pid`), String(child.pid));
  return child.pid ?? 0;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (see ${appsDir}/*.log)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function api(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`http://127.0.0.1:${apiPort}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

async function main(): Promise<void> {
  const pool = new Pool({
    host: env.SYNCLINE_PG_HOST,
    port: Number(env.SYNCLINE_PG_PORT),
    database: env.SYNCLINE_PG_DATABASE,
    user: env.SYNCLINE_PG_USER,
    password: env.SYNCLINE_PG_PASSWORD,
  });
  const redis = new Redis(env.SYNCLINE_REDIS_URL);
  const cache = new RecordCacheRepository(redis, new CacheKeyBuilder());
  const kafka = new Kafka({
    clientId: 'syncline-demo',
    brokers: env.SYNCLINE_KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });

  step('Starting the apps: sync-worker (CDC -> Redis) and cache-api (HTTP on :3000)');
  startApp('sync-worker', { SYNCLINE_OPS_PORT: '9464' });
  startApp('cache-api', {
    SYNCLINE_HTTP_PORT: String(apiPort),
    SYNCLINE_API_KEYS: `${tenant}=${apiKey}`,
  });
  await waitFor('sync-worker', async () =>
    (await fetch('http://127.0.0.1:9464/health/ready')).ok ? true : undefined,
  );
  await waitFor('cache-api', async () =>
    (await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).ok ? true : undefined,
  );
  show('ready', 'sync-worker :9464/metrics, cache-api :3000');

  const id = randomUUID();
  const topic = `${env.SYNCLINE_TOPIC_PREFIX}.public.contacts`;
  const consumer = kafka.consumer({
    groupId: `syncline-demo-${randomUUID()}`,
    maxWaitTimeInMs: 100,
  });
  const events: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (!message.key?.toString().includes(id)) return;
      const value = message.value
        ? (JSON.parse(message.value.toString()) as {
            op: string;
            after?: { version: number };
            before?: { version: number };
          })
        : null;
      events.push(
        value
          ? `${topic}[${partition}]@${message.offset} op=${value.op} version=${(value.after ?? value.before)?.version}`
          : `${topic}[${partition}]@${message.offset} tombstone`,
      );
    },
  });

  step('1. Any client inserts a contact into Postgres (System A, the source of truth)');
  await pool.query(
    `INSERT INTO contacts (tenant_id, id, email, first_name, last_name, custom_fields) VALUES ($1, $2, $3, 'Grace', 'Hopper', '{"plan":"pro"}')`,
    [tenant, id, `grace-${id.slice(0, 8)}@example.com`],
  );
  show('postgres', `INSERT contact ${id}`);
  await waitFor('the Debezium event', async () => (events.length > 0 ? true : undefined));
  show('kafka', events[0]);
  const cached = await waitFor('the cache', async () =>
    cache.get({ tenant, entity: 'contact', id }),
  );
  show('redis', {
    version: cached.version,
    first_name: 'data' in cached ? cached.data.first_name : undefined,
  });
  const read = await api('GET', `/v1/tenants/${tenant}/contacts/${id}`);
  show(
    'cache-api',
    `GET -> ${read.status}, ETag ${read.etag}, first_name=${String((read.body?.data as Record<string, unknown>)?.first_name)}`,
  );

  step('2. A service updates it through the cache-api (write-through, optimistic concurrency)');
  const updated = await api(
    'PATCH',
    `/v1/tenants/${tenant}/contacts/${id}`,
    { lead_score: 90, status: 'inactive' },
    { 'if-match': read.etag ?? '' },
  );
  show('cache-api', `PATCH If-Match ${read.etag} -> ${updated.status}, ETag ${updated.etag}`);
  const stale = await api(
    'PATCH',
    `/v1/tenants/${tenant}/contacts/${id}`,
    { lead_score: 1 },
    { 'if-match': read.etag ?? '' },
  );
  show('cache-api', `PATCH with the old ETag -> ${stale.status} ${String(stale.body?.error)}`);
  await waitFor('the update event', async () => (events.length > 1 ? true : undefined));
  show('kafka', events[1]);
  show(
    'redis',
    await cache.get({ tenant, entity: 'contact', id }).then((r) => ({ version: r?.version })),
  );

  step('3. Any client deletes it in Postgres: the cache keeps a versioned tombstone');
  await pool.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [tenant, id]);
  await waitFor('the tombstone', async () =>
    (await cache.get({ tenant, entity: 'contact', id }))?.deleted ? true : undefined,
  );
  show('kafka', events.slice(2).join('\n              '));
  show('redis', await cache.get({ tenant, entity: 'contact', id }));
  show('cache-api', `GET -> ${(await api('GET', `/v1/tenants/${tenant}/contacts/${id}`)).status}`);

  const metrics = await (await fetch('http://127.0.0.1:9464/metrics')).text();
  step('sync-worker metrics (excerpt)');
  for (const line of metrics
    .split('\n')
    .filter(
      (l) =>
        l.startsWith('syncline_sync_events_total') ||
        l.startsWith('syncline_sync_dead_letters_total'),
    ))
    console.log(`   ${line}`);

  await consumer.disconnect();
  redis.disconnect();
  await pool.end();
  console.log(
    keep
      ? `\nEverything keeps running (logs: ${appsDir}). Stop with: scripts/stack down`
      : '\nDone.',
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningHubSpotSim, startHubSpotSim } from '../../../apps/crm-sim/src';
import { AppProcess } from '../support/app-process';
import { canonicalRows } from '../support/canonical-rows';
import { expectEventually } from '../support/expect-eventually';
import { freePort } from '../support/free-port';
import { testClients } from '../support/test-clients';

// The Kafka broker dies (SIGKILL) and stays down while changes keep coming: Postgres keeps them in
// the WAL, Debezium and the workers wait and retry (no worker process exits, none is restarted),
// and once `scripts/stack up` brings the broker back every change reaches Redis and the CRM.
// Workers started while the broker is down wait for it and only then report ready.
jest.setTimeout(600_000);

const repo = join(__dirname, '../../..');
const t = testClients('broker-restart');
const tenant = t.tenant('crash');
const adminKey = `admin-${randomUUID()}`;
const OUTAGE_MS = 60_000;
let hubspot: RunningHubSpotSim;
let api: string;
let cacheApi: AppProcess;
const workers: AppProcess[] = [];

async function stackUp(): Promise<void> {
  await promisify(execFile)('bash', [join(repo, 'scripts/stack'), 'up'], {
    cwd: repo,
    env: process.env,
    timeout: 240_000,
  });
}

async function killBroker(): Promise<void> {
  const stackDir = process.env.SYNCLINE_STACK_DIR ?? join(repo, '.stack/test');
  const kafkaPid = Number(readFileSync(join(stackDir, 'kafka.pid'), 'utf8'));
  process.kill(kafkaPid, 'SIGKILL');
  await expectEventually(() => expect(() => process.kill(kafkaPid, 0)).toThrow(), {
    timeoutMs: 10_000,
  });
}

async function admin(method: string, path: string, body?: unknown): Promise<{ id?: string }> {
  const response = await fetch(`${api}/v1/admin/tenants/${tenant}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as { id?: string }) : {};
}

async function readiness(worker: AppProcess): Promise<{ status: number; checks: unknown }> {
  const port = /ops endpoints on :(\d+)/.exec(worker.output)?.[1];
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
  return {
    status: response.status,
    checks: ((await response.json()) as { checks: unknown }).checks,
  };
}

/**
 * A steady stream of writes to the tenant: inserts, updates of live rows, deletes. Returns a
 * function that stops it and resolves once the last write committed.
 */
function startWriting(): () => Promise<void> {
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      n++;
      await t.pool.query(
        `INSERT INTO contacts (tenant_id, email, first_name, last_name) VALUES ($1, $2, 'Load', $3)`,
        [tenant, `load-${n}-${randomUUID().slice(0, 6)}@example.com`, `v${n}`],
      );
      await t.pool.query(
        `UPDATE contacts SET last_name = $2
          WHERE id = (SELECT id FROM contacts WHERE tenant_id = $1 ORDER BY random() LIMIT 1)`,
        [tenant, `updated-${n}`],
      );
      if (n % 4 === 0)
        await t.pool.query(
          `DELETE FROM contacts
            WHERE id = (SELECT id FROM contacts WHERE tenant_id = $1 ORDER BY random() LIMIT 1)`,
          [tenant],
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/** Every live row of the tenant is in the cache at its Postgres version, every deleted one is not. */
async function expectCacheMatchesPostgres(ids: Set<string>, timeoutMs: number): Promise<number> {
  const collections = await t.collections();
  const contacts = collections.byCollectionName('contact');
  const expected = await canonicalRows(
    t.pool,
    collections,
    contacts,
    'SELECT * FROM contacts WHERE tenant_id = $1 ORDER BY id',
    [tenant],
  );
  const live = new Set(expected.map((row) => row.id as string));
  const gone = [...ids].filter((id) => !live.has(id));
  await expectEventually(
    async () => {
      const cached = await t.cache.getMany(
        expected.map((row) => ({ tenant, entity: 'contact', id: row.id as string })),
      );
      const wrong = cached.filter(
        (record, index) =>
          record?.deleted !== false ||
          record.version !== expected[index].version ||
          JSON.stringify(record.data) !== JSON.stringify(expected[index]),
      );
      const deleted = await t.cache.getMany(gone.map((id) => ({ tenant, entity: 'contact', id })));
      const resurrected = deleted.filter((record) => record && !record.deleted);
      expect({ wrong: wrong.length, resurrected: resurrected.length }).toEqual({
        wrong: 0,
        resurrected: 0,
      });
    },
    { timeoutMs, intervalMs: 1000 },
  );
  return expected.length;
}

/** The CRM (this file's own sim) holds every live row of the tenant with its current fields, and no deleted one. */
async function expectCrmMatchesPostgres(timeoutMs: number): Promise<void> {
  const { rows } = await t.pool.query<{ id: string; email: string; last_name: string }>(
    'SELECT id, email, last_name FROM contacts WHERE tenant_id = $1',
    [tenant],
  );
  const expected = new Map(rows.map((row) => [row.id, row]));
  await expectEventually(
    () => {
      const inCrm = new Map(
        hubspot.state
          .records('contacts')
          .filter((record) => !record.archived)
          .map((record) => [record.properties.syncline_id, record.properties]),
      );
      const missingOrStale = [...expected.values()].filter(
        (row) =>
          inCrm.get(row.id)?.email !== row.email || inCrm.get(row.id)?.lastname !== row.last_name,
      );
      const notDeleted = [...inCrm.keys()].filter((id) => !expected.has(id ?? ''));
      expect({ missingOrStale: missingOrStale.length, notDeleted: notDeleted.length }).toEqual({
        missingOrStale: 0,
        notDeleted: 0,
      });
    },
    { timeoutMs, intervalMs: 1000 },
  );
}

async function tenantIds(): Promise<Set<string>> {
  const { rows } = await t.pool.query<{ id: string }>(
    'SELECT id FROM contacts WHERE tenant_id = $1',
    [tenant],
  );
  return new Set(rows.map((row) => row.id));
}

beforeAll(async () => {
  hubspot = await startHubSpotSim({
    port: 0,
    properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
  });
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  cacheApi = AppProcess.start(
    'cache-api',
    t.appEnv({ SYNCLINE_HTTP_PORT: String(port), SYNCLINE_ADMIN_API_KEY: adminKey }),
  );
  await cacheApi.waitForOutput('cache-api listening');
  await admin('PUT', '', { name: 'Crash' });
  const { id: destination } = await admin('POST', '/destinations', {
    name: 'HubSpot',
    kind: 'hubspot',
    baseUrl: hubspot.url,
    credentials: { accessToken: 'hubspot-token' },
    rateLimit: { requestsPerInterval: 50, intervalMs: 1000 },
  });
  // A second destination whose CRM is down for good: its queue is held (paused, resumed later)
  // all the time, as a busy cluster always has some, while the broker goes away under it.
  const { id: downDestination } = await admin('POST', '/destinations', {
    name: 'HubSpot (down)',
    kind: 'hubspot',
    baseUrl: `http://127.0.0.1:${await freePort()}`,
    credentials: { accessToken: 'hubspot-token' },
  });
  for (const id of [destination, downDestination])
    await admin('PUT', `/mappings/contact/${id ?? ''}`, {
      object: 'contacts',
      identity: { source: 'id', target: 'syncline_id' },
      fields: [
        { source: 'email', target: 'email' },
        { source: 'first_name', target: 'firstname' },
        { source: 'last_name', target: 'lastname' },
      ],
      rules: { operations: ['create', 'update', 'delete'], deletePolicy: 'archive' },
    });
}, 180_000);

/** Both workers still run; if one exited, the failure shows why. */
function expectWorkersRunning(): void {
  for (const worker of workers)
    if (!worker.running)
      throw new Error(`${worker.name} exited during the test:\n${worker.output.slice(-4000)}`);
}

afterAll(async () => {
  await Promise.all([...workers, cacheApi].map((app) => app?.stop('SIGKILL')));
  // Whatever happened above, the shared test stack is whole again for the next file.
  await stackUp().catch(() => undefined);
  await hubspot?.close();
  await t.close();
});

describe('a Kafka broker outage', () => {
  it('workers started while the broker is down wait for it, then become ready without a restart', async () => {
    await killBroker();
    const env = t.appEnv({
      SYNCLINE_OPS_PORT: '0',
      SYNCLINE_DELIVERY_GROUP_ID: `delivery-${randomUUID()}`,
      SYNCLINE_DELIVERY_ROUTER_GROUP_ID: `router-${randomUUID()}`,
      SYNCLINE_CONTROL_REFRESH_MS: '500',
    });
    workers.push(AppProcess.start('sync-worker', env), AppProcess.start('delivery-worker', env));
    for (const worker of workers) await worker.waitForOutput('ops endpoints on');
    // Not ready while its consumers cannot run: a probe that lied here would route a rollout on.
    for (const worker of workers)
      await expectEventually(async () => expect((await readiness(worker)).status).toBe(503));

    await stackUp();

    for (const worker of workers)
      await expectEventually(
        async () => expect(await readiness(worker)).toMatchObject({ status: 200 }),
        {
          timeoutMs: 180_000,
          intervalMs: 1000,
        },
      );
    expectWorkersRunning();
    expect(workers).toHaveLength(2);
  });

  it('loses no change written during a 60 s outage under load, and no worker exits', async () => {
    await t.pool.query(
      `INSERT INTO contacts (tenant_id, email, first_name, last_name)
       SELECT $1, 'before-' || n || '@example.com', 'Before', 'b' FROM generate_series(1, 100) AS n`,
      [tenant],
    );
    await expectCacheMatchesPostgres(await tenantIds(), 120_000);
    const stopWriting = startWriting();
    try {
      await killBroker();
      // The outage itself: writes keep landing in Postgres (only the WAL has them) for its length.
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      expectWorkersRunning();
      await stackUp();
    } finally {
      await stopWriting();
    }

    // Every id the tenant ever had: the live ones and the deleted ones.
    const { rows } = await t.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM contacts WHERE tenant_id = $1`,
      [tenant],
    );
    expect(Number(rows[0].n)).toBeGreaterThan(100);
    const ids = new Set([
      ...(await tenantIds()),
      ...hubspot.state
        .records('contacts')
        .map((record) => record.properties.syncline_id ?? '')
        .filter(Boolean),
    ]);
    await expectCacheMatchesPostgres(ids, 240_000);
    await expectCrmMatchesPostgres(240_000);
    expectWorkersRunning();
    for (const worker of workers) expect(worker.output).not.toMatch(/unhandled promise rejection/);
  });
});

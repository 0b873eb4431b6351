// Benchmark: delivery to the CRM simulators at their configured limits, through the whole
// pipeline (Postgres -> Debezium -> Kafka -> sync-worker -> Redis -> delivery-worker -> sims).
// Prints CRM calls per 1,000 changes, records/s delivered per simulator, rate-limit utilisation
// and the share of 429 responses. Asserts nothing. `--collection <name>` benchmarks any collection
// of the stack instead of the demo's contacts: rows built from its catalog definition, delivered
// to a HubSpot custom object under their record ids.
//
//   npm run bench:delivery [-- --records 2000 --updates 3] [-- --collection stock_level]
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { freePort } from '../support/free-port';
import { LocalApp, type AppName } from '../support/local-app';
import { waitFor } from '../support/wait-for';
import {
  RunningHubSpotSim,
  RunningSalesforceSim,
  SimCall,
  startHubSpotSim,
  startSalesforceSim,
} from '../../apps/crm-sim/src';
import {
  collectionWorkload,
  demoContactsWorkload,
  type DeliveryWorkload,
} from './suite/delivery-workload';

const repo = join(__dirname, '../..');
const args = new Map(process.argv.slice(2).map((arg, i, all) => [arg, all[i + 1]]));
const RECORDS = Number(args.get('--records') ?? 2000);
const UPDATE_ROUNDS = Number(args.get('--updates') ?? 3);
const CHANGES = RECORDS * (1 + UPDATE_ROUNDS);
const COLLECTION = args.get('--collection');
const env = process.env as Record<string, string>;
const tenant = `bench-delivery-${randomUUID().slice(0, 6)}`;
const adminKey = `bench-admin-${randomUUID()}`;
// Real HubSpot private-app allowance; Salesforce paced per second.
const LIMITS = {
  hubspot: { requestsPerInterval: 190, intervalMs: 10_000 },
  salesforce: { requestsPerInterval: 25, intervalMs: 1000 },
};

function startApp(app: AppName, extra: Record<string, string>): LocalApp {
  return LocalApp.start(app, {
    logDir: join(env.SYNCLINE_STACK_DIR ?? join(repo, '.stack/dev'), 'bench-apps'),
    label: `bench-${app}`,
    env: extra,
  });
}

function summarize(
  name: string,
  calls: SimCall[],
  startedAt: number,
  finishedAt: number,
  limit: { requestsPerInterval: number; intervalMs: number },
) {
  const seconds = (finishedAt - startedAt) / 1000;
  const writes = calls.filter(
    (c) =>
      c.method !== 'GET' &&
      !c.path.includes('/batch/read') &&
      !c.path.includes('/query') &&
      !c.path.includes('oauth2'),
  );
  const allowed = (limit.requestsPerInterval * (finishedAt - startedAt)) / limit.intervalMs;
  return {
    destination: name,
    changes: CHANGES,
    apiCalls: calls.length,
    callsPer1000Changes: Number(((calls.length / CHANGES) * 1000).toFixed(1)),
    recordsPerCall: Number(
      (writes.reduce((sum, c) => sum + c.items, 0) / Math.max(1, writes.length)).toFixed(1),
    ),
    recordsPerSec: Math.round(RECORDS / seconds),
    seconds: Number(seconds.toFixed(1)),
    rateLimitUtilisation: Number((calls.length / allowed).toFixed(3)),
    share429: Number(
      (calls.filter((c) => c.status === 429).length / Math.max(1, calls.length)).toFixed(4),
    ),
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
  const workload: DeliveryWorkload = COLLECTION
    ? await collectionWorkload(pool, COLLECTION, tenant, UPDATE_ROUNDS)
    : demoContactsWorkload(tenant, UPDATE_ROUNDS);
  const hubspot: RunningHubSpotSim = await startHubSpotSim({
    port: 0,
    limits: { tenSecondly: LIMITS.hubspot.requestsPerInterval },
    properties: { [workload.hubspot.object]: workload.hubspot.properties },
  });
  const salesforce: RunningSalesforceSim = await startSalesforceSim({ port: 0 });
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const appEnv = {
    SYNCLINE_HTTP_PORT: String(port),
    SYNCLINE_ADMIN_API_KEY: adminKey,
    SYNCLINE_OPS_PORT: '0',
    SYNCLINE_LOG_LEVEL: 'warn',
    SYNCLINE_CACHE_NAMESPACE: `bench-${randomUUID().slice(0, 6)}`,
    SYNCLINE_SYNC_GROUP_ID: `bench-sync-${randomUUID()}`,
    SYNCLINE_DELIVERY_GROUP_ID: `bench-delivery-${randomUUID()}`,
    SYNCLINE_DELIVERY_ROUTER_GROUP_ID: `bench-router-${randomUUID()}`,
    SYNCLINE_CONTROL_REFRESH_MS: '500',
  };
  const apps = [
    startApp('cache-api', appEnv),
    startApp('sync-worker', appEnv),
    startApp('delivery-worker', appEnv),
  ];
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api}/v1/admin/tenants/${workload.tenant}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  const destinations: string[] = [];
  try {
    await apps[0]?.waitUntilHealthy(`${api}/health/ready`);
    await admin('PUT', '', { name: 'Bench' });
    const hs = await admin('POST', '/destinations', {
      name: 'HubSpot',
      kind: 'hubspot',
      baseUrl: hubspot.url,
      credentials: { accessToken: 'bench' },
      rateLimit: LIMITS.hubspot,
    });
    destinations.push(hs.id);
    const sf = workload.salesforce
      ? await admin('POST', '/destinations', {
          name: 'Salesforce',
          kind: 'salesforce',
          baseUrl: salesforce.url,
          credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
          options: { loginUrl: salesforce.url },
          rateLimit: LIMITS.salesforce,
        })
      : undefined;
    if (sf) destinations.push(sf.id);
    const mappings = `/mappings/${encodeURIComponent(workload.collection)}`;
    await admin('PUT', `${mappings}/${hs.id}`, workload.hubspot.mapping);
    if (sf && workload.salesforce)
      await admin('PUT', `${mappings}/${sf.id}`, workload.salesforce.mapping);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // workers load the mappings

    console.log(
      `${workload.label}: ${RECORDS} rows and ${UPDATE_ROUNDS} update rounds (${CHANGES} changes)...`,
    );
    const startedAt = Date.now();
    await workload.write(pool, RECORDS, UPDATE_ROUNDS);
    const final = `Round ${UPDATE_ROUNDS}`;
    const [hubspotDone, salesforceDone] = await Promise.all([
      waitFor(
        'HubSpot',
        () =>
          workload.hubspotDone(hubspot.state.records(workload.hubspot.object), RECORDS)
            ? Date.now()
            : undefined,
        { timeoutMs: 600_000, intervalMs: 200 },
      ),
      workload.salesforce
        ? waitFor(
            'Salesforce',
            () => {
              const held = salesforce.state.records(workload.salesforce?.object ?? '') ?? [];
              return held.length >= RECORDS && held.every((r) => r.LastName === final)
                ? Date.now()
                : undefined;
            },
            { timeoutMs: 600_000, intervalMs: 200 },
          )
        : undefined,
    ]);
    const since = (calls: SimCall[]) => calls.filter((c) => Date.parse(c.timestamp) >= startedAt);
    const rows = [
      summarize('hubspot', since(hubspot.state.calls()), startedAt, hubspotDone, LIMITS.hubspot),
      ...(salesforceDone === undefined
        ? []
        : [
            summarize(
              'salesforce',
              since(salesforce.state.calls()),
              startedAt,
              salesforceDone,
              LIMITS.salesforce,
            ),
          ]),
    ];
    console.table(rows);
    mkdirSync(join(repo, 'bench-results'), { recursive: true });
    writeFileSync(
      join(repo, 'bench-results/delivery.json'),
      JSON.stringify(
        {
          benchmark: 'delivery',
          collection: workload.collection,
          records: RECORDS,
          changes: CHANGES,
          limits: LIMITS,
          results: rows,
          measuredAt: new Date().toISOString(),
        },
        null,
        2,
      ),
    );
  } finally {
    // Leave nothing queued behind: the CRMs hold the final state, but superseded tasks (and the
    // cleanup's deletes) would stay in these destinations' queues as lag on the shared stack.
    for (const id of destinations) {
      const response = await fetch(
        `${api}/v1/admin/tenants/${workload.tenant}/destinations/${id}`,
        {
          method: 'DELETE',
          headers: { 'x-api-key': adminKey },
        },
      );
      if (!response.ok) console.error(`could not delete destination ${id}: ${response.status}`);
    }
    await Promise.all(apps.map((app) => app.stop()));
    await workload
      .cleanup(pool)
      .catch((error: Error) => console.error(`cleanup failed: ${error.message}`));
    await deleteGroups([
      appEnv.SYNCLINE_SYNC_GROUP_ID,
      appEnv.SYNCLINE_DELIVERY_GROUP_ID,
      appEnv.SYNCLINE_DELIVERY_ROUTER_GROUP_ID,
    ]);
    await pool.end();
    await hubspot.close();
    await salesforce.close();
  }
}

/** The bench's own consumer groups, once its apps stopped: none is left with lag. */
async function deleteGroups(groupIds: string[]): Promise<void> {
  const brokers = (process.env.SYNCLINE_KAFKA_BROKERS ?? '').split(',');
  const admin = new Kafka({
    clientId: 'bench-cleanup',
    brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    await admin.deleteGroups(groupIds.filter((id) => existing.has(id)));
  } catch (error) {
    console.error(`could not delete the bench's consumer groups: ${(error as Error).message}`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CacheKeyBuilder, createRedisClient, RecordCacheRepository } from '@syncline/cache';
import { getConfig } from '@syncline/config';
import { CollectionRegistry } from '@syncline/records';
import { createSourcePool } from '@syncline/source';
import { AdminApiClient, type MappingBody } from '../demo/clients/admin-api.client';
import { HubSpotSimClient, SalesforceSimClient } from '../demo/clients/crm-sim.client';
import { DemoApps } from '../demo/demo-apps';
import { ConsumerLagPoller } from '../load-test/measure/consumer-lag-poller';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/wait-for';
import { AppSupervisor, type UnexpectedExit } from './app-supervisor';
import type { ChaosOptions } from './chaos-options';
import { ChaosWriter } from './chaos-writer';
import { compareHops, type CrmHop, type Disagreement } from './compare-hops';
import { StackFaults } from './stack-faults';
import { SourceRowReader } from '../demo/observe/source-row.reader';

export interface ChaosRunResult {
  run: number;
  tenant: string;
  committed: number;
  records: number;
  failedTicks: number;
  unexpectedExits: UnexpectedExit[];
  timeline: string[];
  /** What `reconcile cache` repaired (what the Redis kill lost). */
  cacheRepaired?: number;
  /** Seconds from the end of the load until every hop agreed; undefined if they never did. */
  convergedAfterS?: number;
  disagreements: Record<string, number>;
  samples: Disagreement[];
}

const RULES = {
  operations: ['create', 'update', 'delete'],
  deletePolicy: 'archive',
  conditions: [{ field: 'status', op: 'neq', value: 'archived' }],
  triggerFields: ['email', 'first_name', 'last_name'],
} satisfies MappingBody['rules'];

const MAPPINGS: Record<'hubspot' | 'salesforce', MappingBody> = {
  hubspot: {
    object: 'contacts',
    identity: { source: 'id', target: 'syncline_id' },
    fields: [
      { source: 'email', target: 'email' },
      { source: 'first_name', target: 'firstname' },
      { source: 'last_name', target: 'lastname' },
    ],
    rules: RULES,
  },
  salesforce: {
    object: 'Contact',
    identity: { source: 'id', target: 'Syncline_Id__c' },
    fields: [
      { source: 'email', target: 'Email' },
      { source: 'first_name', target: 'FirstName' },
      { source: 'last_name', target: 'LastName' },
    ],
    rules: RULES,
  },
};

/**
 * One chaos run: apps up (two replicas of each worker, supervised like a Deployment), a fresh
 * tenant with a HubSpot and a Salesforce destination, the write load with the faults spread over
 * it, then `reconcile cache` for what the Redis kill lost, and the record-by-record comparison
 * until every hop agrees or the settle time runs out.
 */
export async function runChaos(
  run: number,
  options: ChaosOptions,
  repo: string,
): Promise<ChaosRunResult> {
  const config = getConfig();
  const stackDir = process.env.SYNCLINE_STACK_DIR ?? '';
  const adminKey = process.env.SYNCLINE_ADMIN_API_KEY ?? '';
  // The stack's apps/ folder: `scripts/stack down` stops whatever an interrupted run left there.
  const logDir = join(stackDir, 'apps');
  const tenant = `chaos-${randomUUID().slice(0, 8)}`;
  const [hubspotPort, salesforcePort, apiPort, ...opsPorts] = await Promise.all(
    Array.from({ length: 7 }, () => freePort()),
  );
  const urls = {
    hubspot: `http://127.0.0.1:${hubspotPort}`,
    salesforce: `http://127.0.0.1:${salesforcePort}`,
    api: `http://127.0.0.1:${apiPort}`,
  };
  const timeline: string[] = [];
  const started = Date.now();
  const note = (what: string) => {
    const line = `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s ${what}`;
    timeline.push(line);
    console.log(`[chaos ${run}] ${line}`);
  };

  const apps = new AppSupervisor(logDir, `chaos${run}-`);
  const common = { SYNCLINE_CONTROL_REFRESH_MS: '500', SYNCLINE_LOG_LEVEL: 'warn' };
  await apps.start(
    'crm-sim',
    'crm-sim',
    {
      ...common,
      SYNCLINE_HUBSPOT_SIM_PORT: String(hubspotPort),
      SYNCLINE_SALESFORCE_SIM_PORT: String(salesforcePort),
    },
    `${urls.hubspot}/__sim/health`,
  );
  await apps.start(
    'cache-api',
    'cache-api',
    {
      ...common,
      SYNCLINE_HTTP_PORT: String(apiPort),
      SYNCLINE_API_KEYS: `${tenant}=${tenant}-key-${randomUUID()}`,
    },
    `${urls.api}/health/ready`,
  );
  const admin = new AdminApiClient(urls.api, adminKey);
  await admin.putTenant(tenant, `Chaos ${run}`);
  const hubspotDestination = await admin.createDestination(tenant, {
    name: 'chaos HubSpot',
    kind: 'hubspot',
    baseUrl: urls.hubspot,
    credentials: { accessToken: `${tenant}-token` },
    rateLimit: { requestsPerInterval: 100, intervalMs: 10_000 },
  });
  const salesforceDestination = await admin.createDestination(tenant, {
    name: 'chaos Salesforce',
    kind: 'salesforce',
    baseUrl: urls.salesforce,
    credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
    options: { loginUrl: urls.salesforce },
    rateLimit: { requestsPerInterval: 25, intervalMs: 1000 },
  });
  const hubspot = new HubSpotSimClient(urls.hubspot);
  const salesforce = new SalesforceSimClient(urls.salesforce);
  const crms: CrmHop[] = [
    {
      name: 'hubspot',
      mapping: await admin.putMapping(tenant, 'contact', hubspotDestination.id, MAPPINGS.hubspot),
      records: (object) => hubspot.records(object),
    },
    {
      name: 'salesforce',
      mapping: await admin.putMapping(
        tenant,
        'contact',
        salesforceDestination.id,
        MAPPINGS.salesforce,
      ),
      records: (object) => salesforce.records(object),
    },
  ];
  for (const [index, label] of [
    'sync-worker-1',
    'sync-worker-2',
    'delivery-worker-1',
    'delivery-worker-2',
  ].entries()) {
    const app = label.startsWith('sync') ? 'sync-worker' : 'delivery-worker';
    await apps.start(
      app,
      label,
      { ...common, SYNCLINE_OPS_PORT: String(opsPorts[index]) },
      `http://127.0.0.1:${opsPorts[index]}/health/ready`,
    );
  }
  note(
    `apps ready; tenant ${tenant}, HubSpot ${hubspotDestination.id}, Salesforce ${salesforceDestination.id}`,
  );

  const pool = createSourcePool(config.postgres, 4, 'syncline-chaos');
  const collections = await CollectionRegistry.load({
    pool,
    publication: config.postgres.publication,
    configFile: config.postgres.collectionsFile,
  });
  // The chaos run writes the demo's contacts (the stack's collections config names them `contact`).
  const contacts = collections.byCollectionName('contact');
  const rows = new SourceRowReader(pool, collections);
  const redis = createRedisClient(config.redis, 'syncline-chaos');
  redis.on('error', () => undefined); // Redis is killed on purpose; commands fail and are retried by the comparison
  const cache = new RecordCacheRepository(
    redis,
    new CacheKeyBuilder(config.cache.namespace),
    config.cache.tombstoneTtlMs,
  );
  const lag = new ConsumerLagPoller(config.kafka.brokers, [
    config.syncWorker.groupId,
    config.delivery.routerGroupId,
    config.delivery.senderGroupId,
  ]);
  const stack = new StackFaults(repo, stackDir);
  const writer = new ChaosWriter(pool, tenant, options.rate);
  const loadStart = Date.now();
  const loadEnd = loadStart + options.durationS * 1000;
  const at = (fraction: number) =>
    new Promise((resolve) =>
      setTimeout(
        resolve,
        Math.max(0, loadStart + fraction * options.durationS * 1000 - Date.now()),
      ),
    );

  const faults = async () => {
    await at(0.1);
    apps.kill('sync-worker-1');
    note('SIGKILL sync-worker-1');
    await at(0.2);
    apps.kill('delivery-worker-1');
    note('SIGKILL delivery-worker-1');
    await at(0.3);
    await stack.kill('kafka');
    note('SIGKILL Kafka broker');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await stack.up();
    note('Kafka broker back (scripts/stack up)');
    await at(0.55);
    await stack.kill('connect');
    note('SIGKILL Kafka Connect');
    await stack.up();
    note('Kafka Connect back, connector running');
    await at(0.7);
    await stack.kill('redis');
    note('SIGKILL Redis');
    await stack.up();
    note('Redis back (AOF everysec)');
    await at(0.72);
    await hubspot.setFaults({ outageMs: options.outageS * 1000 });
    note(`HubSpot down for ${options.outageS}s (503)`);
  };
  note(`write load: ${options.rate}/s for ${options.durationS}s`);
  await Promise.all([writer.run(loadEnd), faults()]);
  note(`load done: ${writer.committed} changes committed to ${writer.touched.size} records`);

  const result: ChaosRunResult = {
    run,
    tenant,
    committed: writer.committed,
    records: writer.touched.size,
    failedTicks: writer.failedTicks,
    unexpectedExits: apps.unexpectedExits,
    timeline,
    disagreements: {},
    samples: [],
  };
  try {
    await apps.allReady();
    await lag.connect();
    await waitFor(
      'the sync-worker group to catch up',
      async () => ((await lag.poll())[config.syncWorker.groupId] === 0 ? true : undefined),
      { timeoutMs: options.settleS * 1000, intervalMs: 1000 },
    );
    note('sync-worker group caught up');
    // Info level: the run's summary is an info line.
    const reconciler = new DemoApps(logDir, false, { SYNCLINE_CONTROL_REFRESH_MS: '500' });
    const reconcile = await reconciler.reconcile(
      ['reconcile', 'cache', '--tenant', tenant],
      'reconcile-cache',
      300_000,
    );
    result.cacheRepaired = reconcile.summary?.totals.repaired;
    note(`reconcile cache: exit ${reconcile.code}, repaired ${result.cacheRepaired ?? '?'}`);

    const ids = [...writer.touched];
    const settleEnd = Date.now() + options.settleS * 1000;
    let found: Disagreement[] = [];
    for (;;) {
      found = await compareHops(rows, contacts, cache, tenant, ids, crms).catch(
        (error: unknown) => [{ id: '-', kind: 'compare_failed', detail: String(error) }],
      );
      if (found.length === 0) {
        result.convergedAfterS = Math.round((Date.now() - loadEnd) / 1000);
        break;
      }
      if (Date.now() > settleEnd) break;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
    for (const disagreement of found)
      result.disagreements[disagreement.kind] = (result.disagreements[disagreement.kind] ?? 0) + 1;
    result.samples = found.slice(0, 10);
    note(
      found.length === 0
        ? `every hop agrees (${ids.length} records)`
        : `${found.length} disagreements: ${JSON.stringify(result.disagreements)}`,
    );
    const groups = await lag.poll();
    note(`consumer lag at the end: ${JSON.stringify(groups)}`);
  } finally {
    await admin.deleteDestination(tenant, hubspotDestination.id).catch(() => undefined);
    await admin.deleteDestination(tenant, salesforceDestination.id).catch(() => undefined);
    await apps.stopAll();
    await lag.disconnect();
    await pool.end();
    redis.disconnect();
  }
  return result;
}

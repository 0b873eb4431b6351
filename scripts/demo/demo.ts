// The demo (`npm run demo`, started by scripts/demo/run once the stack is up and built): all apps
// as real processes, two tenants with a HubSpot and a Salesforce destination each, and a short
// scenario printed step by step. Exits non-zero when an expected outcome does not happen.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CacheKeyBuilder, createRedisClient, RecordCacheRepository } from '@syncline/cache';
import { getConfig } from '@syncline/config';
import type { EntityMapping } from '@syncline/mapping';
import { EntityRegistry } from '@syncline/records';
import { createSourcePool, SourceRecordRepository } from '@syncline/source';
import { AdminApiClient } from './clients/admin-api.client';
import { HubSpotSimClient, SalesforceSimClient } from './clients/crm-sim.client';
import { RecordsApiClient } from './clients/records-api.client';
import { DemoApps, portOrFree } from './demo-apps';
import { demoPorts, DemoPorts, stackPortBase } from './demo-ports';
import { RecordHops } from './observe/record-hops';
import { DemoFailure } from './output/demo-failure';
import { StepPrinter } from './output/step-printer';
import { configureTenants } from './scenario/configure-tenants.step';
import { createRecords } from './scenario/create-records.step';
import { crmOutage, crmRecovery } from './scenario/crm-outage.step';
import { deleteRecord } from './scenario/delete-record.step';
import type { DemoContext, DemoTenant } from './scenario/demo-context';
import { injectDrift, reconcileCache, reconcileCrm } from './scenario/drift.step';
import { showFinalState } from './scenario/final-state.step';
import { SourceWriter } from './scenario/source-writer';
import type { CrmKind } from './scenario/mapping-documents';
import { startApps } from './scenario/start-apps.step';
import { updateRecords } from './scenario/update-records.step';

async function main(): Promise<number> {
  const keep = process.env.DEMO_KEEP === 'true';
  const config = getConfig();
  const stackDir = process.env.SYNCLINE_STACK_DIR ?? '';
  const adminKey = process.env.SYNCLINE_ADMIN_API_KEY ?? '';
  if (!stackDir || !adminKey) {
    throw new DemoFailure(
      'run through scripts/demo/run (the stack env sets SYNCLINE_STACK_DIR and the admin key)',
    );
  }
  const ports = await choosePorts(demoPorts(stackPortBase(process.env)));
  const urls = {
    cacheApi: `http://127.0.0.1:${ports.cacheApi}`,
    hubspot: `http://127.0.0.1:${ports.hubspotSim}`,
    salesforce: `http://127.0.0.1:${ports.salesforceSim}`,
  };
  // Fresh tenant ids per run: a kept stack still holds the rows of earlier runs.
  const run = randomUUID().slice(0, 6);
  const tenant = (name: string): DemoTenant => {
    const id = `${name.toLowerCase()}-${run}`;
    const apiKey = `${id}-key-${randomUUID().slice(0, 12)}`;
    return {
      id,
      name,
      apiKey,
      records: new RecordsApiClient(urls.cacheApi, id, apiKey),
      destinations: {},
      mappings: {},
    };
  };
  const tenants = { acme: tenant('Acme'), globex: tenant('Globex') };

  const apps = new DemoApps(join(stackDir, 'apps'), keep, { SYNCLINE_CONTROL_REFRESH_MS: '500' });
  apps.assertNoneRunning();
  const pool = createSourcePool(config.postgres, 4, 'syncline-demo');
  const redis = createRedisClient(config.redis, 'syncline-demo');
  const keys = new CacheKeyBuilder(config.cache.namespace);
  const cache = new RecordCacheRepository(redis, keys, config.cache.tombstoneTtlMs);
  const entities = new EntityRegistry();
  const hubspot = new HubSpotSimClient(urls.hubspot);
  const salesforce = new SalesforceSimClient(urls.salesforce);
  const byId = new Map(Object.values(tenants).map((t) => [t.id, t]));
  const mappingsOf = ({
    tenant: id,
    entity,
  }: {
    tenant: string;
    entity: 'contact' | 'company' | 'deal';
  }) => {
    const found: Partial<Record<CrmKind, EntityMapping>> = {};
    for (const kind of ['hubspot', 'salesforce'] as const) {
      const mapping = byId.get(id)?.mappings[kind]?.[entity];
      if (mapping) found[kind] = mapping;
    }
    return found;
  };
  const printer = new StepPrinter();
  const context: DemoContext = {
    printer,
    apps,
    ports,
    urls,
    admin: new AdminApiClient(urls.cacheApi, adminKey),
    hubspot,
    salesforce,
    writer: new SourceWriter(pool),
    redis,
    keys,
    cache,
    hops: new RecordHops(
      new SourceRecordRepository(pool, entities),
      cache,
      { hubspot, salesforce },
      entities,
      mappingsOf,
    ),
    tenants,
    records: [],
  };

  console.log(
    `Syncline demo: tenants ${tenants.acme.id} and ${tenants.globex.id}; app logs in ${apps.logDir}`,
  );
  let failed = false;
  try {
    await startApps(context);
    await configureTenants(context);
    await createRecords(context);
    await updateRecords(context);
    await deleteRecord(context);
    await crmRecovery(context, await crmOutage(context));
    const drift = await injectDrift(context);
    await reconcileCache(context, drift);
    await reconcileCrm(context, drift);
    await showFinalState(context);
    console.log(
      `\nDemo passed: every step did what it should, in ${printer.elapsedSeconds.toFixed(0)} s.`,
    );
  } catch (error) {
    failed = true;
    const message =
      error instanceof DemoFailure
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    console.error(
      `\nDEMO FAILED at ${printer.current}: ${message}\n(app logs: ${apps.logDir}/*.log)`,
    );
    await hubspot.clearFaults().catch(() => undefined);
  } finally {
    await pool.end();
    redis.disconnect();
  }
  if (keep) {
    printKeepNotes(context, adminKey);
  } else {
    await apps.stopAll();
  }
  return failed ? 1 : 0;
}

async function choosePorts(preferred: DemoPorts): Promise<DemoPorts> {
  return {
    cacheApi: await portOrFree(preferred.cacheApi),
    hubspotSim: await portOrFree(preferred.hubspotSim),
    salesforceSim: await portOrFree(preferred.salesforceSim),
    syncWorkerOps: [
      await portOrFree(preferred.syncWorkerOps[0]),
      await portOrFree(preferred.syncWorkerOps[1]),
    ],
    deliveryWorkerOps: await portOrFree(preferred.deliveryWorkerOps),
  };
}

function printKeepNotes({ urls, ports, tenants, apps }: DemoContext, adminKey: string): void {
  const { acme } = tenants;
  console.log(
    [
      '',
      'Everything keeps running (--keep). Explore:',
      `  cache-api        ${urls.cacheApi}   admin key ${adminKey} (dev stack only)`,
      ...Object.values(tenants).map((t) => `    ${t.id.padEnd(15)} x-api-key ${t.apiKey}`),
      `  HubSpot sim      ${urls.hubspot}/__sim/records/contacts   /__sim/calls   /__sim/faults`,
      `  Salesforce sim   ${urls.salesforce}/__sim/records/Contact`,
      `  sync-worker      http://127.0.0.1:${ports.syncWorkerOps[0]}/metrics, http://127.0.0.1:${ports.syncWorkerOps[1]}/metrics`,
      `  delivery-worker  http://127.0.0.1:${ports.deliveryWorkerOps}/metrics`,
      `  delivery log     curl -H 'x-api-key: ${adminKey}' ${urls.cacheApi}/v1/admin/tenants/${acme.id}/destinations/${acme.destinations.hubspot?.id ?? '<id>'}/deliveries`,
      `  logs             ${apps.logDir}/*.log`,
      '  stop everything  scripts/stack down',
    ].join('\n'),
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `DEMO FAILED before it started: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);

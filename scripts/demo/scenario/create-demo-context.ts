import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CacheKeyBuilder, createRedisClient, RecordCacheRepository } from '@syncline/cache';
import { getConfig } from '@syncline/config';
import type { EntityMapping } from '@syncline/mapping';
import { CollectionRegistry } from '@syncline/records';
import { createSourcePool } from '@syncline/source';
import { AdminApiClient } from '../clients/admin-api.client';
import { HubSpotSimClient, SalesforceSimClient } from '../clients/crm-sim.client';
import { RecordsApiClient } from '../clients/records-api.client';
import { DemoApps, portOrFree } from '../demo-apps';
import { demoPorts, DemoPorts, stackPortBase } from '../demo-ports';
import { DemoRecord, RecordHops } from '../observe/record-hops';
import { SourceRowReader } from '../observe/source-row.reader';
import { DemoFailure } from '../output/demo-failure';
import { StepPrinter } from '../output/step-printer';
import type { DemoContext, DemoTenant } from './demo-context';
import type { CrmKind } from './mapping-documents';
import { SourceWriter } from './source-writer';

/** Workers reload destinations and mappings this often (the default is 2 s). */
const CONTROL_REFRESH_MS = '500';

/**
 * Everything the steps share, from the stack's environment: ports in the stack's block, two
 * tenants with fresh ids (a kept stack still holds earlier runs' rows), the API clients, and
 * direct Postgres and Redis connections for looking (and, for the drift, tampering).
 */
export async function createDemoContext(env: NodeJS.ProcessEnv): Promise<DemoContext> {
  const config = getConfig();
  const stackDir = env.SYNCLINE_STACK_DIR ?? '';
  const adminKey = env.SYNCLINE_ADMIN_API_KEY ?? '';
  if (!stackDir || !adminKey) {
    throw new DemoFailure(
      'run the demo through scripts/demo/run: the stack env sets SYNCLINE_STACK_DIR and the admin key',
    );
  }
  const ports = await choosePorts(demoPorts(stackPortBase(env)));
  const urls = {
    cacheApi: `http://127.0.0.1:${ports.cacheApi}`,
    hubspot: `http://127.0.0.1:${ports.hubspotSim}`,
    salesforce: `http://127.0.0.1:${ports.salesforceSim}`,
  };
  const run = randomUUID().slice(0, 6);
  const tenant = (name: string): DemoTenant => {
    const id = `${name.toLowerCase()}-${run}`;
    const apiKey = `${id}-key-${randomUUID().slice(0, 12)}`;
    const records = new RecordsApiClient(urls.cacheApi, id, apiKey);
    return { id, name, apiKey, records, destinations: {}, mappings: {} };
  };
  const tenants = { acme: tenant('Acme'), globex: tenant('Globex') };
  const apps = new DemoApps(join(stackDir, 'apps'), env.DEMO_KEEP === 'true', {
    SYNCLINE_CONTROL_REFRESH_MS: CONTROL_REFRESH_MS,
  });
  apps.assertNoneRunning();

  const pool = createSourcePool(config.postgres, 4, 'syncline-demo');
  const redis = createRedisClient(config.redis, 'syncline-demo');
  const keys = new CacheKeyBuilder(config.cache.namespace);
  const cache = new RecordCacheRepository(redis, keys, config.cache.tombstoneTtlMs);
  const collections = await CollectionRegistry.load({
    pool,
    publication: config.postgres.publication,
    configFile: config.postgres.collectionsFile,
  });
  const hubspot = new HubSpotSimClient(urls.hubspot);
  const salesforce = new SalesforceSimClient(urls.salesforce);
  const mappingsOf = ({ tenant: id, entity }: DemoRecord) => {
    const owner = Object.values(tenants).find((candidate) => candidate.id === id);
    const found: Partial<Record<CrmKind, EntityMapping>> = {};
    for (const kind of ['hubspot', 'salesforce'] as const) {
      const mapping = owner?.mappings[kind]?.[entity];
      if (mapping) found[kind] = mapping;
    }
    return found;
  };
  return {
    printer: new StepPrinter(),
    apps,
    ports,
    urls,
    adminKey,
    admin: new AdminApiClient(urls.cacheApi, adminKey),
    hubspot,
    salesforce,
    writer: new SourceWriter(pool),
    redis,
    keys,
    cache,
    hops: new RecordHops(
      new SourceRowReader(pool, collections),
      cache,
      { hubspot, salesforce },
      mappingsOf,
    ),
    tenants,
    records: [],
    close: async () => {
      await pool.end();
      redis.disconnect();
    },
  };
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

import type { CacheKeyBuilder, RecordCacheRepository, RedisClient } from '@syncline/cache';
import type { Destination } from '@syncline/control-plane';
import type { EntityMapping } from '@syncline/mapping';
import type { AdminApiClient } from '../clients/admin-api.client';
import type { HubSpotSimClient, SalesforceSimClient } from '../clients/crm-sim.client';
import type { RecordsApiClient } from '../clients/records-api.client';
import type { DemoApps } from '../demo-apps';
import type { DemoPorts } from '../demo-ports';
import type { DemoRecord, RecordHops } from '../observe/record-hops';
import type { StepPrinter } from '../output/step-printer';
import type { CrmKind, DemoEntity } from './mapping-documents';
import type { SourceWriter } from './source-writer';

/** One of the demo's two tenants, its API key, and (once configured) its destinations. */
export interface DemoTenant {
  id: string;
  name: string;
  /** Its key for the cache-api's record API (`SYNCLINE_API_KEYS`). */
  apiKey: string;
  records: RecordsApiClient;
  destinations: Partial<Record<CrmKind, Destination>>;
  mappings: Partial<Record<CrmKind, Partial<Record<DemoEntity, EntityMapping>>>>;
}

/** Everything the scenario's steps share. */
export interface DemoContext {
  printer: StepPrinter;
  apps: DemoApps;
  ports: DemoPorts;
  urls: { cacheApi: string; hubspot: string; salesforce: string };
  /** The stack's admin key (dev-only; the stack env exports it). */
  adminKey: string;
  admin: AdminApiClient;
  hubspot: HubSpotSimClient;
  salesforce: SalesforceSimClient;
  writer: SourceWriter;
  redis: RedisClient;
  keys: CacheKeyBuilder;
  cache: RecordCacheRepository;
  hops: RecordHops;
  tenants: { acme: DemoTenant; globex: DemoTenant };
  /** Every record the scenario made, in order, for the final table. */
  records: DemoRecord[];
  /** Closes the Postgres and Redis connections. */
  close(): Promise<void>;
}

/** The record made under `label` (the scenario's own bookkeeping: a typo is a bug). */
export function recordNamed(context: DemoContext, label: string): DemoRecord {
  const record = context.records.find((candidate) => candidate.label === label);
  if (!record) throw new Error(`the scenario made no record named ${label}`);
  return record;
}

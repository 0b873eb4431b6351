import type { ChangeMix } from '../workload/change-mix.type';
import type { ApiMix } from '../workload/api-mix.type';

/** Everything a run needs, validated: flags over `SYNCLINE_LOAD_*` over the stack's environment. */
export interface LoadTestOptions {
  /** local: start missing apps on this machine; cluster: use the given URLs, never start apps. */
  target: 'local' | 'cluster';
  /**
   * The collection written and read: any of the stack's, rows built from its catalog definition.
   * Absent: the demo's contacts, with commit -> CRM latency.
   */
  collection?: string;
  /** Changes per second written to Postgres (0: no writes). */
  rate: number;
  /** Requests per second to the cache-api (0: none). */
  apiRate: number;
  /** Run length in ms; the run also stops at `count` changes (or requests when rate is 0). */
  durationMs: number;
  count?: number;
  mix: ChangeMix;
  apiMix: ApiMix;
  tenants: number;
  tenantPrefix: string;
  /** Share of live keys that are hot, and the share of updates/deletes that go to them. */
  hotFraction: number;
  hotAccess: number;
  payloadBytes: number;
  /** Writer lanes: one Postgres connection each, owning its own keys (no lock conflicts). */
  connections: number;
  maxBatch: number;
  apiConnections: number;
  apiBatchSize: number;
  /** Rows inserted before the run for the cache-api to read (0 when apiRate is 0). */
  seedRecords: number;
  /** Share of tenants given a HubSpot destination on crm-sim (commit -> CRM latency). */
  crmFraction: number;
  drainTimeoutMs: number;
  /** cache-api load at the target rate before the measured phase (JIT, connections, caches). */
  apiWarmupMs: number;
  syncWorkers: number;
  /** auto: start what is not reachable; always: own apps on free ports; never. */
  startApps: 'auto' | 'always' | 'never';
  /** Which clock ends commit -> cache-visible: the notice's observedAt or its receipt here. */
  visibleClock: 'observed' | 'receipt';
  outDir: string;
  html: boolean;
  keepData: boolean;
  urls: {
    cacheApi: string;
    syncWorkerOps: string;
    deliveryWorkerOps: string;
    crmSim: string;
  };
  postgres: {
    connectionString?: string;
    host: string;
    port: number;
    database: string;
    user: string;
    password: string;
  };
  kafkaBrokers: string[];
  topicPrefix: string;
  groups: { sync: string; router: string; sender: string };
  adminApiKey: string;
  /** tenant -> API key for cache-api requests; derived per tenant when not given. */
  apiKeys: Record<string, string>;
  /** The stack folder (local target): apps' logs go to `<stackDir>/load-test/apps`. */
  stackDir: string;
}

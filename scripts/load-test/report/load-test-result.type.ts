import type { HopBreakdownResult } from '../measure/hop-breakdown';
import type { LatencySummary } from '../measure/latency-summary.type';
import type { ProcessUsage } from '../measure/process-sampler';
import type { ServerLatency } from '../measure/server-latency';
import type { LoadTestOptions } from '../options/load-test-options.type';

/** One second of the run (t = seconds since the measured phase began). */
export interface LoadTestSecond {
  t: number;
  committed: number;
  visible: number;
  visibleP50: number;
  visibleP99: number;
  visibleMax: number;
  crmReceived: number;
  crmP99: number;
  apiRequests: number;
  apiErrors: number;
  apiP50: number;
  apiP99: number;
  /** Consumer lag per group (messages). Counts are per second over the tick that produced the row. */
  lag: Record<string, number>;
  /** How late the writers' schedule was (0: on time). */
  generatorLagMs: number;
}

/**
 * The JSON result (`<out>/load-test-<timestamp>.json`), read by `npm run bench`. Latencies are
 * milliseconds; rates per second. Bump `schemaVersion` on a breaking change.
 */
export interface LoadTestResult {
  schemaVersion: 1;
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** Why the load stopped: the duration or count was reached, Ctrl-C, or an error. */
  stoppedBy: 'duration' | 'count' | 'signal' | 'error';
  error?: string;
  options: Omit<LoadTestOptions, 'apiKeys' | 'adminApiKey' | 'postgres'> & {
    postgres: { url: string };
  };
  environment: {
    cpus: number;
    cpuModel: string;
    totalMemoryMb: number;
    nodeVersion: string;
    platform: string;
    hostname: string;
    appsStarted: string[];
    appsReused: string[];
  };
  writes: {
    targetRate: number;
    achievedRate: number;
    durationMs: number;
    committed: { insert: number; update: number; delete: number; total: number };
    failedStatements: number;
    firstError?: string;
    /** Seconds in which the generator itself was more than 100 ms behind its schedule. */
    generatorBehindSeconds: number;
    maxGeneratorLagMs: number;
  };
  cacheVisible: {
    /** Which clock ended the measurement: the notice's observedAt, or its receipt here. */
    clock: 'observed' | 'receipt';
    latency: LatencySummary;
    /** Commit -> notice received by the load test (includes the notice's trip through Kafka). */
    noticeReceiptLatency: LatencySummary;
    seen: number;
    /** Committed changes never reported visible by the end of the drain: 0 means nothing lost. */
    unseen: number;
    unseenSample: string[];
    drainMs: number;
  };
  crm: {
    enabled: boolean;
    tenants: string[];
    simUrl: string;
    latency: LatencySummary;
    /** Upserts of the sampled tenants committed / received by the CRM. */
    sampled: number;
    received: number;
    notReceived: number;
    /** Upserts whose record was deleted before delivery (the CRM gets the delete instead). */
    supersededByDelete: number;
    calls: number;
    throttled429: number;
    callsByStatus: Record<string, number>;
  };
  api: {
    targetRate: number;
    achievedRate: number;
    requests: number;
    errors: number;
    errorRate: number;
    byStatus: Record<string, number>;
    latency: LatencySummary;
    byKind: Record<
      'get' | 'batch' | 'write',
      { requests: number; errors: number; latency: LatencySummary }
    >;
    generatorBehindSeconds: number;
    /** p99 of the load test's own event-loop delay during the load (it inflates client latency). */
    generatorEventLoopDelayP99Ms: number;
    /** The cache-api's own histogram for GET by id (bucket bounds), when it could be read. */
    serverSide?: ServerLatency;
    seededRecords: number;
  };
  postgres: {
    /** Rows of this run the generator expects to exist, and what Postgres holds (null: not checked). */
    expectedRows: number;
    actualRows: number | null;
  };
  /** Highest consumer lag seen per group. */
  maxLag: Record<string, number>;
  timeSeries: LoadTestSecond[];
  /**
   * Where the time went, hop by hop, for changes committed in the measured phase: each hop the
   * difference of two clocks on this machine (see the README's load-test section).
   */
  hops: HopBreakdownResult;
  /** CPU and RSS of the load test, the apps it started and the local stack's services. */
  processes: ProcessUsage[];
}

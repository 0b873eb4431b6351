import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, hostname, totalmem } from 'node:os';
import { Pool } from 'pg';
import { ChangeTracker } from './measure/change-tracker';
import { ConsumerLagPoller } from './measure/consumer-lag-poller';
import { CrmWatcher, type CrmSimStats } from './measure/crm-watcher';
import { LatencyHistogram } from './measure/latency-histogram';
import { NoticeWatcher } from './measure/notice-watcher';
import { PipelineHops } from './measure/pipeline-hops';
import { ProcessSampler, type ProcessTarget } from './measure/process-sampler';
import { stackProcessTargets } from './measure/stack-process-targets';
import type { LoadTestOptions } from './options/load-test-options.type';
import type { LoadTestResult, LoadTestSecond } from './report/load-test-result.type';
import { ProgressDisplay } from './report/progress-display';
import {
  createCrmDestinations,
  retireCrmDestinations,
  type CrmDestination,
} from './target/crm-destinations';
import { ensureLocalApps, type LocalApps } from './target/ensure-local-apps';
import {
  runCacheApiLoad,
  type ApiRequestKind,
  type CacheApiLoadOptions,
} from './workload/cache-api-load';
import {
  readServerHistogram,
  serverLatencyBetween,
  type HistogramSnapshot,
  type ServerLatency,
} from './measure/server-latency';
import { ChangeGenerator } from './workload/change-generator';
import { CollectionChangeWriter } from './workload/collection-change-writer';
import { writePlannedBatch } from './workload/postgres-change-writer';
import type { SeededRecord } from './workload/seeded-record.type';
import { TokenSchedule } from './workload/token-schedule';
import { runWriterLane, type BatchWriter } from './workload/writer-lane';
import { openCollectionWriter } from './target/open-collection-writer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** State shared by the workload, the collectors and the per-second ticker. */
class RunState {
  stopRequested: 'signal' | undefined;
  drainSkipped = false;
  readonly visible = new LatencyHistogram();
  readonly receipt = new LatencyHistogram();
  readonly crm = new LatencyHistogram();
  readonly api = new LatencyHistogram(1000);
  readonly apiByKind = {
    get: { h: new LatencyHistogram(1000), requests: 0, errors: 0 },
    batch: { h: new LatencyHistogram(1000), requests: 0, errors: 0 },
    write: { h: new LatencyHistogram(1000), requests: 0, errors: 0 },
  };
  readonly second = {
    visible: new LatencyHistogram(),
    crm: new LatencyHistogram(),
    api: new LatencyHistogram(1000),
  };
  readonly counts = { committed: 0, visible: 0, crm: 0, api: 0, apiErrors: 0 };
  readonly committed = { insert: 0, update: 0, delete: 0 };
  readonly apiStatus: Record<string, number> = {};
  failedStatements = 0;
  firstError?: string;
  crmSampled = 0;
  generatorLagMs = 0;
  apiBehind = false;
}

/** One load-test run, start to finish: apps, setup, load, drain, checks, clean-up, result. */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const runId = `lt${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const startedAt = new Date();
  const state = new RunState();
  const onSignal = () => {
    if (state.stopRequested) state.drainSkipped = true;
    state.stopRequested = 'signal';
    console.error('\n[load-test] stopping (Ctrl-C again to skip the drain)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const runTenants = Array.from(
    { length: options.tenants },
    (_, i) => `${options.tenantPrefix}-${i + 1}`,
  );
  let apps: LocalApps = { urls: options.urls, started: [], reused: [] };
  const pool = options.postgres.connectionString
    ? new Pool({
        connectionString: options.postgres.connectionString,
        max: options.connections + 2,
      })
    : new Pool({ ...options.postgres, connectionString: undefined, max: options.connections + 2 });
  // Any collection (--collection): its own writer; a single-tenant one writes its fixed tenant.
  const collectionWriter = options.collection
    ? await openCollectionWriter(pool, options.collection)
    : undefined;
  const tenants = collectionWriter ? collectionWriter.tenantsFor(runTenants) : runTenants;
  const entity = collectionWriter?.collection.name ?? 'contact';
  const write: BatchWriter = collectionWriter
    ? (client, batch) => collectionWriter.write(client, batch)
    : writePlannedBatch;
  const crmTenants =
    options.crmFraction > 0
      ? tenants.slice(0, Math.max(1, Math.ceil(tenants.length * options.crmFraction)))
      : [];
  const crmTenantSet = new Set(crmTenants);
  const tracker = new ChangeTracker({
    visible: (ms) => {
      state.visible.recordMs(ms);
      state.second.visible.recordMs(ms);
      state.counts.visible += 1;
    },
    crmReceived: (ms) => {
      state.crm.recordMs(ms);
      state.second.crm.recordMs(ms);
      state.counts.crm += 1;
    },
  });
  const receiptTracker = new ChangeTracker({
    visible: (ms) => state.receipt.recordMs(ms),
    crmReceived: () => undefined,
  });
  const seedTracker = new ChangeTracker({ visible: () => undefined, crmReceived: () => undefined });
  const hops = new PipelineHops();
  let processes: ProcessSampler | undefined;
  const crmIds = new Map<string, string>(); // id -> tenant, for the CRM's records

  const notices = new NoticeWatcher(
    options.kafkaBrokers,
    options.topicPrefix,
    runId,
    collectionWriter && !collectionWriter.collection.tenantColumn
      ? `${tenants[0]}"` // a single-tenant collection: its one tenant, whole
      : `${options.tenantPrefix}-`,
  );
  const lag = new ConsumerLagPoller(options.kafkaBrokers, [
    options.groups.sync,
    ...(crmTenants.length > 0 ? [options.groups.router, options.groups.sender] : []),
  ]);
  const progress = new ProgressDisplay();
  let destinations: CrmDestination[] = [];
  let crmWatcher: CrmWatcher | undefined;
  let crmStatsBefore: CrmSimStats | undefined;
  let crmStatsAfter: CrmSimStats | undefined;
  let stoppedBy: LoadTestResult['stoppedBy'] = 'duration';
  let error: string | undefined;
  const series: LoadTestSecond[] = [];
  const maxLag: Record<string, number> = {};
  let ticker: NodeJS.Timeout | undefined;
  let loadStart = Date.now();
  let loadEnd = 0;
  // The generator's own event-loop delay: a busy load test inflates the latencies it measures.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let serverBefore: HistogramSnapshot | undefined;
  let serverSide: ServerLatency | undefined;
  let drainMs = 0;
  let seeded: SeededRecord[] = [];
  const generators: ChangeGenerator[] = [];
  let actualRows: number | null = null;

  try {
    if (options.target === 'local') {
      console.error('[load-test] checking the apps');
      apps = await ensureLocalApps(options);
      for (const app of apps.started)
        console.error(`[load-test] started ${app.label} (log ${app.logFile})`);
    }
    await pool.query('SELECT 1');
    await notices.start((notice, producedAt, receivedAt) => {
      if (notice.entity !== entity) return;
      const key = ChangeTracker.key(notice.tenant, notice.id);
      const { observedAt, trace } = notice;
      if (tracker.knows(key))
        hops.noticed(key, notice.version, notice.op, { trace, observedAt, producedAt, receivedAt });
      tracker.noticed(
        key,
        notice.version,
        notice.op,
        options.visibleClock === 'observed' ? observedAt : receivedAt,
      );
      receiptTracker.noticed(key, notice.version, notice.op, receivedAt);
      seedTracker.noticed(key, notice.version, notice.op, receivedAt);
    });
    await lag.connect();

    if (crmTenants.length > 0) {
      destinations = await createCrmDestinations(
        apps.urls.cacheApi,
        options.adminApiKey,
        apps.urls.crmSim,
        crmTenants,
        runId,
      );
      crmWatcher = new CrmWatcher(apps.urls.crmSim);
      crmStatsBefore = await crmWatcher.stats();
      crmWatcher.start();
      // Skip the calls the sim logged before this run.
      await crmWatcher.pollCalls(hops.crmCalls);
      // The workers reload destinations and mappings every SYNCLINE_CONTROL_REFRESH_MS (2 s).
      await sleep(3000);
    }
    if (options.seedRecords > 0)
      seeded = await seedRecords(
        pool,
        options,
        tenants,
        runId,
        seedTracker,
        state,
        collectionWriter,
      );

    // Settle: a backlog left by an earlier run (its clean-up deletes) or anyone else would be
    // measured as our latency. Wait (bounded) until the sync-worker's group, and with CRM
    // measurement the delivery router's, have caught up. (The senders' group is not waited for:
    // a paused or unreachable destination of someone else legitimately holds its queue.)
    const settleGroups = [
      options.groups.sync,
      ...(crmTenants.length > 0 ? [options.groups.router] : []),
    ];
    const settleDeadline = Date.now() + options.drainTimeoutMs;
    for (;;) {
      const lagNow: Record<string, number> = await lag.poll().catch(() => ({}));
      const behind = settleGroups
        .map((group) => [group, lagNow[group] ?? 0] as const)
        .filter(([, backlog]) => backlog > 100);
      const described = behind.map(([group, backlog]) => `${group} ${backlog}`).join(', ');
      if (behind.length === 0 || Date.now() > settleDeadline || state.stopRequested) {
        if (behind.length > 0) console.error(`[load-test] starting with a backlog: ${described}`);
        break;
      }
      console.error(`[load-test] waiting for the consumers to catch up (behind: ${described})`);
      await sleep(1000);
    }

    const apiLoad: CacheApiLoadOptions = {
      url: apps.urls.cacheApi,
      collection: entity,
      patchBody: (n) =>
        collectionWriter ? collectionWriter.patchBody(n) : { lead_score: n % 100_000 },
      rate: options.apiRate,
      connections: options.apiConnections,
      batchSize: options.apiBatchSize,
      mix: options.apiMix,
      records: seeded,
      apiKeys: options.apiKeys,
      hotFraction: options.hotFraction,
      hotAccess: options.hotAccess,
    };
    if (options.apiRate > 0 && options.apiWarmupMs > 0) {
      // Unmeasured: JIT, connection pools and caches warm up at the target rate first.
      console.error(`[load-test] warming the cache-api up for ${options.apiWarmupMs} ms`);
      const warmEnd = Date.now() + options.apiWarmupMs;
      await runCacheApiLoad(
        apiLoad,
        { done: () => undefined, take: (n) => n, behind: () => undefined },
        () => Date.now() >= warmEnd || state.stopRequested !== undefined,
      );
    }

    // The measured phase.
    serverBefore =
      options.apiRate > 0
        ? await readServerHistogram(apps.urls.cacheApi).catch(() => undefined)
        : undefined;
    loopDelay.enable();
    loadStart = Date.now();
    hops.start(loadStart);
    processes = new ProcessSampler(processTargets(options, apps), loadStart);
    processes.start();
    const totalS = Math.ceil(options.durationMs / 1000);
    progress.start(totalS);
    let ticking = false;
    let last = { ...state.counts, at: loadStart };
    ticker = setInterval(() => {
      if (ticking) return;
      ticking = true;
      (async () => {
        const now = { ...state.counts, at: Date.now() };
        // A slow poll can stretch a tick: rates are per elapsed second, not per tick.
        const perS = (n: number) => Math.round((n * 1000) / Math.max(1, now.at - last.at));
        const lagNow: Record<string, number> = await lag.poll().catch(() => ({}));
        if (crmWatcher) {
          await crmWatcher
            .poll((id, marker, at) => {
              const tenant = crmIds.get(id);
              if (!tenant) return;
              tracker.crmSaw(ChangeTracker.key(tenant, id), marker, at);
              hops.crmStored(ChangeTracker.key(tenant, id), marker, at);
            })
            .catch(() => undefined);
          // After the records: a call is logged when it ends, after the records it stored.
          await crmWatcher.pollCalls(hops.crmCalls).catch(() => undefined);
          hops.resolveCrm();
        }
        for (const [g, n] of Object.entries(lagNow)) maxLag[g] = Math.max(maxLag[g] ?? 0, n);
        const visible = state.second.visible.summary();
        const api = state.second.api.summary();
        const point: LoadTestSecond = {
          t: Math.round((now.at - loadStart) / 1000),
          committed: perS(now.committed - last.committed),
          visible: perS(now.visible - last.visible),
          visibleP50: visible.p50,
          visibleP99: visible.p99,
          visibleMax: visible.max,
          crmReceived: perS(now.crm - last.crm),
          crmP99: state.second.crm.summary().p99,
          apiRequests: perS(now.api - last.api),
          apiErrors: perS(now.apiErrors - last.apiErrors),
          apiP50: api.p50,
          apiP99: api.p99,
          lag: lagNow,
          generatorLagMs: Math.round(state.generatorLagMs),
        };
        series.push(point);
        state.second.visible.reset();
        state.second.crm.reset();
        state.second.api.reset();
        state.generatorLagMs = 0;
        last = now;
        progress.update({
          elapsedS: Math.round((Date.now() - loadStart) / 1000),
          totalS,
          phase: loadEnd === 0 ? 'load' : 'drain',
          committedPerS: point.committed,
          visiblePerS: point.visible,
          p99: point.visibleP99,
          unseen: tracker.unseen,
          apiPerS: point.apiRequests,
          lag: Object.values(lagNow).reduce((a, b) => a + b, 0),
        });
      })()
        .catch((error: unknown) => console.error('[load-test] tick failed:', error))
        .finally(() => (ticking = false));
    }, 1000);

    // --count: changes when writing, requests when only reading.
    let writeBudget = options.rate > 0 ? (options.count ?? Infinity) : Infinity;
    let apiBudget = options.rate === 0 ? (options.count ?? Infinity) : Infinity;
    const deadline = loadStart + options.durationMs;
    const stopped = () => state.stopRequested !== undefined || Date.now() >= deadline;
    const workers: Promise<void>[] = [];
    for (let lane = 0; lane < (options.rate > 0 ? options.connections : 0); lane++) {
      const generator = new ChangeGenerator({
        runId,
        lane,
        tenants,
        mix: options.mix,
        hotFraction: options.hotFraction,
        hotAccess: options.hotAccess,
        payloadBytes: options.payloadBytes,
        newId: collectionWriter ? () => collectionWriter.newId() : undefined,
      });
      generators.push(generator);
      const schedule = new TokenSchedule(options.rate / options.connections, loadStart);
      workers.push(
        runWriterLane(
          pool,
          write,
          generator,
          schedule,
          options.maxBatch,
          {
            planned: (batch) => {
              for (const c of batch.inserts) {
                tracker.expect(ChangeTracker.key(c.tenant, c.id));
                receiptTracker.expect(ChangeTracker.key(c.tenant, c.id));
                if (crmTenantSet.has(c.tenant)) crmIds.set(c.id, c.tenant);
              }
            },
            committed: (changes, committedAt, batch) => {
              const markers = new Map<string, number>();
              for (const c of batch.inserts) markers.set(c.id, c.marker);
              for (const c of batch.updates) markers.set(c.id, c.marker);
              for (const change of changes) {
                const key = ChangeTracker.key(change.tenant, change.id);
                const crm =
                  crmTenantSet.has(change.tenant) && change.kind !== 'delete'
                    ? { marker: markers.get(change.id) ?? 0 }
                    : undefined;
                if (crm) {
                  state.crmSampled += 1;
                  hops.crmCommitted(key, crm.marker, change.version);
                }
                tracker.committed(key, change.kind, change.version, committedAt, crm);
                receiptTracker.committed(key, change.kind, change.version, committedAt);
                state.committed[change.kind] += 1;
              }
              state.counts.committed += changes.length;
            },
            failed: (e) => {
              state.failedStatements += 1;
              state.firstError ??= e instanceof Error ? e.message : String(e);
            },
            take: (n) => {
              const granted = Math.min(n, writeBudget);
              writeBudget -= granted;
              return granted;
            },
            behind: (ms) => (state.generatorLagMs = Math.max(state.generatorLagMs, ms)),
          },
          stopped,
        ),
      );
    }
    if (options.apiRate > 0) {
      workers.push(
        runCacheApiLoad(
          apiLoad,
          {
            done: (kind: ApiRequestKind, status, ms) => {
              const ok = status >= 200 && status < 300;
              state.api.recordMs(ms);
              state.second.api.recordMs(ms);
              const k = state.apiByKind[kind];
              k.h.recordMs(ms);
              k.requests += 1;
              state.counts.api += 1;
              if (!ok) {
                k.errors += 1;
                state.counts.apiErrors += 1;
              }
              state.apiStatus[String(status)] = (state.apiStatus[String(status)] ?? 0) + 1;
            },
            take: (n) => {
              const granted = Math.min(n, apiBudget);
              apiBudget -= granted;
              return granted;
            },
            behind: () => (state.apiBehind = true),
          },
          stopped,
        ),
      );
    }
    await Promise.all(workers);
    loadEnd = Date.now();
    loopDelay.disable();
    if (serverBefore) {
      const after = await readServerHistogram(apps.urls.cacheApi).catch(() => undefined);
      if (after) serverSide = serverLatencyBetween(serverBefore, after);
    }
    if (state.stopRequested) stoppedBy = 'signal';
    else if (Date.now() < deadline) stoppedBy = 'count';

    // Drain: wait (bounded) until every committed change is visible, and the CRM sample received.
    const drainStart = Date.now();
    const drainTimeout = state.stopRequested
      ? Math.min(options.drainTimeoutMs, 10_000)
      : options.drainTimeoutMs;
    while (!state.drainSkipped && Date.now() - drainStart < drainTimeout) {
      if (tracker.unseen === 0 && tracker.crmUnreceived === 0) break;
      await sleep(200);
    }
    drainMs = Date.now() - drainStart;
    // The calls of the last records the drain saw, then give up on what is still unmatched.
    await crmWatcher?.pollCalls(hops.crmCalls).catch(() => undefined);
    hops.resolveCrm(true);
    if (crmWatcher) crmStatsAfter = await crmWatcher.stats().catch(() => undefined);
    if (generators.length > 0 && collectionWriter) {
      actualRows = (await collectionWriter.count(pool)) - seeded.length;
    } else if (generators.length > 0) {
      const result = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM contacts WHERE tenant_id = ANY($1) AND email LIKE $2',
        [tenants, `${runId}-%`],
      );
      actualRows = Number(result.rows[0].n) - seeded.length;
    }
  } catch (e) {
    stoppedBy = 'error';
    error = e instanceof Error ? e.message : String(e);
    loadEnd ||= Date.now();
  } finally {
    if (ticker) clearInterval(ticker);
    processes?.stop();
    progress.stop();
    await retireCrmDestinations(apps.urls.cacheApi, options.adminApiKey, destinations).catch(
      () => undefined,
    );
    if (!options.keepData && collectionWriter) {
      await collectionWriter.cleanup(pool).catch(() => undefined);
    } else if (!options.keepData) {
      await pool
        .query('DELETE FROM contacts WHERE tenant_id = ANY($1) AND email LIKE $2', [
          tenants,
          `${runId}-%`,
        ])
        .catch(() => undefined);
    }
    await notices.stop();
    await lag.disconnect();
    await pool.end().catch(() => undefined);
    await Promise.all(apps.started.map((app) => app.stop()));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const loadMs = Math.max(1, loadEnd - loadStart);
  const committedTotal = state.committed.insert + state.committed.update + state.committed.delete;
  const apiRequests = state.counts.api;
  const byKind = Object.fromEntries(
    Object.entries(state.apiByKind).map(([kind, k]) => [
      kind,
      { requests: k.requests, errors: k.errors, latency: k.h.summary() },
    ]),
  ) as LoadTestResult['api']['byKind'];
  const diff = (key: 'calls' | 'throttled') =>
    (crmStatsAfter?.[key] ?? 0) - (crmStatsBefore?.[key] ?? 0);
  const byStatus: Record<string, number> = {};
  for (const [status, n] of Object.entries(crmStatsAfter?.byStatus ?? {})) {
    const delta = n - (crmStatsBefore?.byStatus[status] ?? 0);
    if (delta > 0) byStatus[status] = delta;
  }
  const { apiKeys: _keys, adminApiKey: _admin, postgres, ...publicOptions } = options;
  return {
    schemaVersion: 1,
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    stoppedBy,
    ...(error ? { error } : {}),
    options: {
      ...publicOptions,
      urls: apps.urls,
      postgres: {
        url: postgres.connectionString
          ? postgres.connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
          : `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}`,
      },
    },
    environment: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      totalMemoryMb: Math.round(totalmem() / 2 ** 20),
      nodeVersion: process.version,
      platform: `${process.platform}-${process.arch}`,
      hostname: hostname(),
      appsStarted: apps.started.map((a) => a.label),
      appsReused: apps.reused,
    },
    writes: {
      targetRate: options.rate,
      achievedRate: Math.round((committedTotal * 1000) / loadMs),
      durationMs: loadMs,
      committed: { ...state.committed, total: committedTotal },
      failedStatements: state.failedStatements,
      ...(state.firstError ? { firstError: state.firstError } : {}),
      generatorBehindSeconds: series.filter((s) => s.generatorLagMs > 100).length,
      maxGeneratorLagMs: Math.max(0, ...series.map((s) => s.generatorLagMs)),
    },
    cacheVisible: {
      clock: options.visibleClock,
      latency: state.visible.summary(),
      noticeReceiptLatency: state.receipt.summary(),
      seen: state.counts.visible,
      unseen: tracker.unseen,
      unseenSample: tracker.unseenSample(),
      drainMs,
    },
    crm: {
      enabled: crmTenants.length > 0,
      tenants: crmTenants,
      simUrl: apps.urls.crmSim,
      latency: state.crm.summary(),
      sampled: state.crmSampled,
      received: state.counts.crm,
      notReceived: tracker.crmUnreceived,
      supersededByDelete: tracker.crmSupersededByDelete,
      calls: diff('calls'),
      throttled429: diff('throttled'),
      callsByStatus: byStatus,
    },
    api: {
      targetRate: options.apiRate,
      achievedRate: Math.round((apiRequests * 1000) / loadMs),
      requests: apiRequests,
      errors: state.counts.apiErrors,
      errorRate: apiRequests === 0 ? 0 : state.counts.apiErrors / apiRequests,
      byStatus: state.apiStatus,
      latency: state.api.summary(),
      byKind,
      generatorBehindSeconds: state.apiBehind ? 1 : 0,
      generatorEventLoopDelayP99Ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
      serverSide,
      seededRecords: seeded.length,
    },
    postgres: {
      expectedRows: generators.reduce((sum, g) => sum + g.liveCount, 0),
      actualRows,
    },
    maxLag,
    timeSeries: series,
    hops: hops.result(),
    processes: processes?.usage(loadMs / 1000) ?? [],
  };
}

/** The load test itself, the apps it started and, locally, the stack's services. */
function processTargets(options: LoadTestOptions, apps: LocalApps): ProcessTarget[] {
  return [
    { name: 'load-test', pid: () => process.pid, tree: false },
    // As trees: an app on several processes (the cache-api's cluster) counts its workers too.
    ...apps.started.map((app) => ({ name: app.label, pid: () => app.pid, tree: true })),
    ...(options.target === 'local' ? stackProcessTargets(options.stackDir) : []),
  ];
}

/** Rows for the cache-api to read, inserted before the measured phase and awaited in the cache. */
async function seedRecords(
  pool: Pool,
  options: LoadTestOptions,
  tenants: readonly string[],
  runId: string,
  tracker: ChangeTracker,
  state: RunState,
  collectionWriter?: CollectionChangeWriter,
): Promise<SeededRecord[]> {
  console.error(`[load-test] seeding ${options.seedRecords} records for the cache-api`);
  const records: SeededRecord[] = [];
  for (let start = 0; collectionWriter && start < options.seedRecords; start += 2000) {
    const inserts = Array.from({ length: Math.min(2000, options.seedRecords - start) }, (_, i) => ({
      tenant: tenants[(start + i) % tenants.length],
      id: collectionWriter.newId(),
      email: '',
      marker: 1,
      notes: '',
    }));
    for (const r of inserts) tracker.expect(ChangeTracker.key(r.tenant, r.id));
    const changes = await collectionWriter.write(pool, { inserts, updates: [], deletes: [] });
    const at = Date.now();
    for (const c of changes)
      tracker.committed(ChangeTracker.key(c.tenant, c.id), 'insert', c.version, at);
    records.push(...inserts.map(({ tenant, id }) => ({ tenant, id })));
  }
  for (let start = 0; !collectionWriter && start < options.seedRecords; start += 2000) {
    const chunk = Array.from({ length: Math.min(2000, options.seedRecords - start) }, (_, i) => ({
      tenant: tenants[(start + i) % tenants.length],
      id: randomUUID(),
      n: start + i,
    }));
    for (const r of chunk) tracker.expect(ChangeTracker.key(r.tenant, r.id));
    const result = await pool.query<{ tenant_id: string; id: string; version: string }>(
      `INSERT INTO contacts (tenant_id, id, email, first_name, last_name, notes)
       SELECT t, i, e, 'Seed', 'Seed', repeat('x', $4::int) FROM unnest($1::text[], $2::uuid[], $3::text[]) AS v(t, i, e)
       RETURNING tenant_id, id::text, version::text`,
      [
        chunk.map((r) => r.tenant),
        chunk.map((r) => r.id),
        chunk.map((r) => `${runId}-seed-${r.n}@load.test`),
        options.payloadBytes,
      ],
    );
    const at = Date.now();
    for (const row of result.rows)
      tracker.committed(
        ChangeTracker.key(row.tenant_id, row.id),
        'insert',
        Number(row.version),
        at,
      );
    records.push(...chunk.map(({ tenant, id }) => ({ tenant, id })));
  }
  const deadline = Date.now() + options.drainTimeoutMs;
  while (tracker.unseen > 0 && Date.now() < deadline && !state.stopRequested) await sleep(200);
  if (tracker.unseen > 0)
    console.error(
      `[load-test] ${tracker.unseen} seeded records not in the cache yet; reads may lazy-load`,
    );
  return records;
}

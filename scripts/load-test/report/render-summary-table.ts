import type { LatencySummary } from '../measure/latency-summary.type';
import type { LoadTestResult } from './load-test-result.type';

const fmt = (n: number) =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(n < 10 ? 2 : 1);

function latencyRow(name: string, s: LatencySummary): string[] {
  return [name, fmt(s.count), fmt(s.p50), fmt(s.p90), fmt(s.p99), fmt(s.p999), fmt(s.max)];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r, n) => {
      const line = r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ');
      return n === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** Per hop over the measured phase, and the window with the worst p99 (where a stall shows). */
function hopTable(hops: LoadTestResult['hops']): string {
  const rows = [['hop (ms)', 'count', 'p50', 'p99', 'max', `worst ${hops.windowMs / 1000} s p99`]];
  for (const { hop, latency, windows } of hops.hops) {
    const worst = windows.reduce((a, b) => (b.p99 > a.p99 ? b : a), windows[0]);
    const at = worst ? `${fmt(worst.p99)} at ${worst.t}-${worst.t + hops.windowMs / 1000} s` : '';
    rows.push([hop, fmt(latency.count), fmt(latency.p50), fmt(latency.p99), fmt(latency.max), at]);
  }
  return table(rows);
}

function processTable(processes: LoadTestResult['processes']): string {
  const rows = [['process', 'CPU % mean', 'CPU % max', 'RSS MB steady', 'RSS MB max']];
  for (const p of processes) {
    const name = p.tree ? `${p.name} (all processes)` : p.name;
    rows.push(
      p.present
        ? [name, fmt(p.meanCpuPct), fmt(p.maxCpuPct), fmt(p.steadyRssMb), fmt(p.maxRssMb)]
        : [name, 'absent', '', '', ''],
    );
  }
  return table(rows);
}

/** The end-of-run summary printed on the terminal (plain text, no colours). */
export function renderSummaryTable(result: LoadTestResult): string {
  const lines: string[] = [];
  const { writes, cacheVisible, crm, api } = result;
  lines.push(
    `load test ${result.runId}: stopped by ${result.stoppedBy}${result.error ? ` (${result.error})` : ''}`,
  );
  if (writes.targetRate > 0) {
    lines.push(
      `writes: ${fmt(writes.committed.total)} changes (${fmt(writes.committed.insert)} inserts, ${fmt(writes.committed.update)} updates, ${fmt(writes.committed.delete)} deletes) in ${(writes.durationMs / 1000).toFixed(1)} s: ${fmt(writes.achievedRate)}/s of ${fmt(writes.targetRate)}/s target` +
        (writes.failedStatements > 0
          ? `; ${writes.failedStatements} failed statements (${writes.firstError ?? ''})`
          : '') +
        (writes.generatorBehindSeconds > 0
          ? `; generator behind schedule in ${writes.generatorBehindSeconds} s (max ${fmt(writes.maxGeneratorLagMs)} ms)`
          : ''),
    );
    lines.push(
      cacheVisible.unseen === 0
        ? `cache: all ${fmt(cacheVisible.seen)} committed changes seen in the cache: nothing lost`
        : `cache: ${fmt(cacheVisible.unseen)} of ${fmt(cacheVisible.seen + cacheVisible.unseen)} committed changes NOT seen after a ${(cacheVisible.drainMs / 1000).toFixed(1)} s drain, e.g. ${cacheVisible.unseenSample.slice(0, 3).join(', ')}`,
    );
    if (result.postgres.actualRows !== null) {
      const match = result.postgres.actualRows === result.postgres.expectedRows;
      lines.push(
        `postgres: ${fmt(result.postgres.actualRows)} rows of this run, ${match ? 'as expected' : `expected ${fmt(result.postgres.expectedRows)}`}`,
      );
    }
  }
  const rows: string[][] = [['latency (ms)', 'count', 'p50', 'p90', 'p99', 'p99.9', 'max']];
  if (writes.targetRate > 0) {
    rows.push(latencyRow(`commit -> cache (${cacheVisible.clock})`, cacheVisible.latency));
    rows.push(latencyRow('commit -> notice received', cacheVisible.noticeReceiptLatency));
  }
  if (crm.enabled) rows.push(latencyRow('commit -> CRM received', crm.latency));
  if (api.targetRate > 0) {
    rows.push(latencyRow('cache-api (all)', api.latency));
    for (const [kind, k] of Object.entries(api.byKind))
      if (k.requests > 0) rows.push(latencyRow(`cache-api ${kind}`, k.latency));
  }
  if (rows.length > 1) lines.push('', table(rows), '');
  if (result.hops.hops.length > 0) lines.push(hopTable(result.hops), '');
  if (crm.enabled) {
    lines.push(
      `crm: ${crm.tenants.length} tenant(s), ${fmt(crm.received)} of ${fmt(crm.sampled)} sampled upserts received (${fmt(crm.notReceived)} not yet, ${fmt(crm.supersededByDelete)} superseded by a delete); ${fmt(crm.calls)} calls, ${fmt(crm.throttled429)} 429s. CRM throughput is bounded by the CRM's rate limit by design.`,
    );
  }
  if (api.targetRate > 0) {
    lines.push(
      `cache-api: ${fmt(api.requests)} requests, ${fmt(api.achievedRate)}/s of ${fmt(api.targetRate)}/s target, ${fmt(api.errors)} errors (${(api.errorRate * 100).toFixed(2)}%)` +
        (api.generatorBehindSeconds > 0
          ? `; all connections busy in ${api.generatorBehindSeconds} s`
          : ''),
    );
    const upTo = (ms: number | null) => (ms === null ? 'above the top bucket' : `≤ ${ms} ms`);
    const server = api.serverSide;
    lines.push(
      (server
        ? `cache-api's own histogram (GET by id): ${fmt(server.requests)} requests, p50 ${upTo(server.p50UpToMs)}, p99 ${upTo(server.p99UpToMs)}, p99.9 ${upTo(server.p999UpToMs)}; `
        : '') + `load-test event-loop delay p99 ${api.generatorEventLoopDelayP99Ms} ms`,
    );
  }
  const lag = Object.entries(result.maxLag).map(([g, n]) => `${g} ${fmt(n)}`);
  if (lag.length > 0) lines.push(`max consumer lag: ${lag.join(', ')}`);
  if (result.processes.length > 0) lines.push('', processTable(result.processes));
  return lines.join('\n');
}

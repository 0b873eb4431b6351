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
  return lines.join('\n');
}

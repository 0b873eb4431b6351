import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LoadTestResult } from './load-test-result.type';
import { renderSummaryTable } from './render-summary-table';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** chart.js's UMD build, inlined so the report opens offline. */
export function loadChartJs(): string {
  // The package's exports map hides dist/chart.umd.js; its main entry sits beside it.
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'), 'utf8');
}

/**
 * A self-contained HTML report: the summary, throughput, latency-over-time, lag, per-hop p99 and
 * per-process CPU/RSS charts. Pure given `chartJs` (tests pass a stub). The data is embedded as
 * JSON with `<` escaped.
 */
export function renderHtmlReport(result: LoadTestResult, chartJs: string): string {
  const data = JSON.stringify(result).replace(/</g, '\\u003c');
  const script = chartJs.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Syncline load test ${escapeHtml(result.runId)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}
pre{background:#f5f5f5;padding:1rem;overflow:auto;font-size:13px}
.chart{height:300px;margin:1.5rem 0}
</style></head><body>
<h1>Syncline load test</h1>
<p>Run <code>${escapeHtml(result.runId)}</code>, ${escapeHtml(result.startedAt)} &ndash; ${escapeHtml(result.finishedAt)};
${result.environment.cpus} CPUs (${escapeHtml(result.environment.cpuModel)}), Node ${escapeHtml(result.environment.nodeVersion)}.</p>
<pre>${escapeHtml(renderSummaryTable(result))}</pre>
<h2>Throughput</h2><div class="chart"><canvas id="throughput"></canvas></div>
<h2>Latency over time</h2><div class="chart"><canvas id="latency"></canvas></div>
<h2>Consumer lag</h2><div class="chart"><canvas id="lag"></canvas></div>
<h2>p99 per hop</h2>
<p>Changes committed in the measured phase, per ${result.hops.windowMs / 1000} s window (by when the hop ended). Each hop is the difference of two clocks on this machine.</p>
<div class="chart"><canvas id="hops"></canvas></div>
<h2>CPU per process</h2><div class="chart"><canvas id="cpu"></canvas></div>
<h2>RSS per process</h2><div class="chart"><canvas id="rss"></canvas></div>
<h2>Options</h2><pre>${escapeHtml(JSON.stringify(result.options, null, 2))}</pre>
<script>${script}</script>
<script id="result" type="application/json">${data}</script>
<script>
const result = JSON.parse(document.getElementById('result').textContent);
const s = result.timeSeries, labels = s.map((p) => p.t);
const line = (label, values, axis) => ({ label, data: values, yAxisID: axis || 'y', pointRadius: 0, borderWidth: 1.5 });
const chart = (id, datasets, yTitle, xLabels) => new Chart(document.getElementById(id), {
  type: 'line', data: { labels: xLabels || labels, datasets },
  options: { animation: false, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
    scales: { x: { title: { display: true, text: 'seconds' } }, y: { beginAtZero: true, title: { display: true, text: yTitle } } } },
});
chart('throughput', [line('committed/s', s.map((p) => p.committed)), line('cache-visible/s', s.map((p) => p.visible)),
  line('CRM received/s', s.map((p) => p.crmReceived)), line('cache-api requests/s', s.map((p) => p.apiRequests)),
  line('cache-api errors/s', s.map((p) => p.apiErrors))], 'per second');
chart('latency', [line('commit->cache p50', s.map((p) => p.visibleP50)), line('commit->cache p99', s.map((p) => p.visibleP99)),
  line('commit->cache max', s.map((p) => p.visibleMax)), line('commit->CRM p99', s.map((p) => p.crmP99)),
  line('cache-api p50', s.map((p) => p.apiP50)), line('cache-api p99', s.map((p) => p.apiP99))], 'ms');
const groups = [...new Set(s.flatMap((p) => Object.keys(p.lag)))];
chart('lag', groups.map((g) => line(g, s.map((p) => p.lag[g] ?? null))), 'messages');
const hopTimes = [...new Set(result.hops.hops.flatMap((h) => h.windows.map((w) => w.t)))].sort((a, b) => a - b);
chart('hops', result.hops.hops.map((h) => line(h.hop, hopTimes.map((t) => h.windows.find((w) => w.t === t)?.p99 ?? null))),
  'p99 ms', hopTimes);
const present = result.processes.filter((p) => p.present), sampleTimes = present[0]?.points.map((p) => p.t) ?? [];
chart('cpu', present.map((p) => line(p.name, p.points.map((q) => q.cpuPct))), '% of one core', sampleTimes);
chart('rss', present.map((p) => line(p.name, p.points.map((q) => q.rssMb))), 'MB', sampleTimes);
</script></body></html>
`;
}

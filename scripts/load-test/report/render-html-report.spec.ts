import { runInNewContext } from 'node:vm';
import { LOAD_TEST_RESULT_FIXTURE } from './load-test-result.fixture';
import { loadChartJs, renderHtmlReport } from './render-html-report';

describe(renderHtmlReport.name, () => {
  const html = renderHtmlReport(
    { ...LOAD_TEST_RESULT_FIXTURE, runId: 'lt</script><b>x' },
    'window.Chart = function Chart() {};',
  );

  it('is one self-contained page: chart.js inline, no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('window.Chart = function Chart() {};');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    for (const id of ['throughput', 'latency', 'lag', 'hops', 'cpu', 'rss'])
      expect(html).toContain(`<canvas id="${id}">`);
  });

  it('embeds the result as JSON that parses back to the same data', () => {
    const json = /<script id="result" type="application\/json">([\s\S]*?)<\/script>/.exec(
      html,
    )?.[1];
    expect(JSON.parse(json ?? '')).toEqual({
      ...LOAD_TEST_RESULT_FIXTURE,
      runId: 'lt</script><b>x',
    });
  });

  it('escapes text, so a value cannot end the script or inject markup', () => {
    expect(html).toContain('lt&lt;/script&gt;&lt;b&gt;x');
    expect(html).not.toContain('<b>x');
  });

  it('charts p99 per hop per window, and CPU and RSS of each process that was there', () => {
    const charts = drawnCharts(renderHtmlReport(LOAD_TEST_RESULT_FIXTURE, ''));
    expect(charts.hops.labels).toEqual([0, 5, 10]);
    expect(charts.hops.datasets).toEqual([
      ['commit -> Debezium emit', [20, 20, 20]],
      ['received -> Redis applied', [12, 900, 12]],
      ['sent -> CRM stored', [8, 8, 8]],
    ]);
    expect(charts.cpu.labels).toEqual([1, 2, 3]);
    expect(charts.cpu.datasets).toEqual([
      ['sync-worker', [61, 62, 63]],
      ['postgres', [30, 30, 30]],
    ]);
    expect(charts.rss.datasets[0]).toEqual(['sync-worker', [181, 182, 183]]);
  });

  it("inlines chart.js's UMD build from node_modules", () => {
    expect(loadChartJs()).toMatch(/Chart/);
  });
});

interface DrawnChart {
  labels: unknown[];
  datasets: [string, unknown[]][];
}

/** Runs the page's own script with a stand-in Chart that records what each canvas would show. */
function drawnCharts(html: string): Record<string, DrawnChart> {
  const scripts = [...html.matchAll(/<script(?: id="(\w+)"[^>]*)?>([\s\S]*?)<\/script>/g)];
  const json = scripts.find((m) => m[1] === 'result')?.[2] ?? '';
  const charts: Record<string, DrawnChart> = {};
  function Chart(
    canvas: { id: string },
    config: { data: { labels: unknown[]; datasets: { label: string; data: unknown[] }[] } },
  ) {
    charts[canvas.id] = {
      labels: config.data.labels,
      datasets: config.data.datasets.map((d) => [d.label, d.data]),
    };
  }
  const document = {
    getElementById: (id: string) => (id === 'result' ? { textContent: json } : { id }),
  };
  runInNewContext(scripts[scripts.length - 1][2], { Chart, document });
  return charts;
}

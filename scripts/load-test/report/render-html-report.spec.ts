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
    for (const id of ['throughput', 'latency', 'lag'])
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

  it("inlines chart.js's UMD build from node_modules", () => {
    expect(loadChartJs()).toMatch(/Chart/);
  });
});

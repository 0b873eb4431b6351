import { LOAD_TEST_RESULT_FIXTURE } from './load-test-result.fixture';
import { renderSummaryTable } from './render-summary-table';

describe(renderSummaryTable.name, () => {
  it('says what a user needs: rates, nothing lost, latency percentiles, CRM and cache-api figures', () => {
    const text = renderSummaryTable(LOAD_TEST_RESULT_FIXTURE);
    expect(text).toContain(
      'writes: 299,400 changes (120,000 inserts, 149,400 updates, 30,000 deletes) in 60.0 s: 4,990/s of 5,000/s target',
    );
    expect(text).toContain('cache: all 299,400 committed changes seen in the cache: nothing lost');
    expect(text).toContain('postgres: 90,000 rows of this run, as expected');
    expect(text).toMatch(/commit -> cache \(observed\)\s+299,400\s+40\s+80\s+160\s+240\s+320/);
    expect(text).toMatch(/commit -> CRM received\s+5,000\s+1,200\s+2,400\s+4,800\s+7,200\s+9,600/);
    expect(text).toMatch(/cache-api get\s+1,000\s+1.50\s+3\s+6\s+9\s+12\n/);
    expect(text).toContain('15,000 of 20,000 sampled upserts received');
    expect(text).toContain('1,100 calls, 0 429s');
    expect(text).toContain('598,800 requests, 9,980/s of 10,000/s target, 6 errors (0.00%)');
    expect(text).toContain('max consumer lag: syncline-cache 1,200');
  });

  it('breaks the latency down per hop and names the window where a hop stalled', () => {
    const text = renderSummaryTable(LOAD_TEST_RESULT_FIXTURE);
    expect(text).toMatch(/hop \(ms\)\s+count\s+p50\s+p99\s+max\s+worst 5 s p99\n/);
    expect(text).toMatch(/commit -> Debezium emit\s+299,400\s+5\s+20\s+40\s+20 at 0-5 s\n/);
    expect(text).toMatch(/received -> Redis applied\s+299,400\s+3\s+12\s+24\s+900 at 5-10 s\n/);
    expect(text).toMatch(/sent -> CRM stored\s+5,000\s+2\s+8\s+16\s+8 at 0-5 s\n/);
  });

  it('lists CPU and RSS per process, a missing process as absent', () => {
    const text = renderSummaryTable(LOAD_TEST_RESULT_FIXTURE);
    expect(text).toMatch(/process\s+CPU % mean\s+CPU % max\s+RSS MB steady\s+RSS MB max\n/);
    expect(text).toMatch(/sync-worker\s+61.5\s+92\s+180.5\s+201.2\n/);
    expect(text).toMatch(/postgres \(all processes\)\s+30\s+45.5\s+512\s+530\n/);
    expect(text).toMatch(/redis\s+absent\s*$/);
  });

  it('leaves the hop and process tables out when there is nothing to show', () => {
    const text = renderSummaryTable({
      ...LOAD_TEST_RESULT_FIXTURE,
      hops: { windowMs: 5000, hops: [] },
      processes: [],
    });
    expect(text).not.toContain('hop (ms)');
    expect(text).not.toContain('CPU %');
  });

  it('makes lost changes impossible to miss', () => {
    const text = renderSummaryTable({
      ...LOAD_TEST_RESULT_FIXTURE,
      cacheVisible: {
        ...LOAD_TEST_RESULT_FIXTURE.cacheVisible,
        seen: 99,
        unseen: 1,
        unseenSample: ['loadtest-1/abc@7'],
      },
      postgres: { expectedRows: 10, actualRows: 9 },
    });
    expect(text).toContain(
      'cache: 1 of 100 committed changes NOT seen after a 0.8 s drain, e.g. loadtest-1/abc@7',
    );
    expect(text).toContain('postgres: 9 rows of this run, expected 10');
  });
});

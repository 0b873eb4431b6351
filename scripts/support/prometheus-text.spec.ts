import { histogramBuckets, sumSamples } from './prometheus-text';

const TEXT = [
  '# HELP syncline_delivery_calls_total CRM API calls by result',
  '# TYPE syncline_delivery_calls_total counter',
  'syncline_delivery_calls_total{destination="d1",kind="hubspot",operation="upsert",result="ok"} 4',
  'syncline_delivery_calls_total{destination="d1",kind="hubspot",operation="upsert",result="transient"} 3',
  'syncline_delivery_calls_total{destination="d2",kind="salesforce",operation="upsert",result="ok"} 2',
  'syncline_delivery_circuit_state{destination="d1"} 2',
  'syncline_delivery_calls_total_other 99',
].join('\n');

describe(sumSamples.name, () => {
  it('sums the samples whose labels include the filter', () => {
    expect(sumSamples(TEXT, 'syncline_delivery_calls_total', { destination: 'd1' })).toBe(7);
    expect(sumSamples(TEXT, 'syncline_delivery_calls_total', { result: 'ok' })).toBe(6);
    expect(sumSamples(TEXT, 'syncline_delivery_calls_total')).toBe(9);
  });

  it('reads unlabelled and gauge samples, and gives 0 for unknown metrics', () => {
    expect(sumSamples(TEXT, 'syncline_delivery_circuit_state', { destination: 'd1' })).toBe(2);
    expect(sumSamples(TEXT, 'syncline_delivery_calls_total_other')).toBe(99);
    expect(sumSamples(TEXT, 'nope')).toBe(0);
  });

  it('unescapes label values', () => {
    expect(sumSamples('m{a="x\\"y"} 1', 'm', { a: 'x"y' })).toBe(1);
  });
});

describe(histogramBuckets.name, () => {
  it('sums the buckets of the matching series per bound, in bound order', () => {
    const text = [
      'h_bucket{le="0.005",route="/a",status="200"} 90',
      'h_bucket{le="+Inf",route="/a",status="200"} 100',
      'h_bucket{le="0.001",route="/a",status="200"} 40',
      'h_bucket{le="0.001",route="/a",status="404"} 7',
      'h_bucket{le="0.005",route="/b",status="200"} 5',
      'h_count{route="/a",status="200"} 100',
    ].join('\n');
    expect(histogramBuckets(text, 'h', { route: '/a', status: '200' })).toEqual([
      { le: 0.001, count: 40 },
      { le: 0.005, count: 90 },
      { le: Infinity, count: 100 },
    ]);
    expect(histogramBuckets(text, 'h', { route: '/a' })[0]).toEqual({ le: 0.001, count: 47 });
  });
});

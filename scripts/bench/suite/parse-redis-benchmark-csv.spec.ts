import { parseRedisBenchmarkCsv } from './parse-redis-benchmark-csv';

describe(parseRedisBenchmarkCsv.name, () => {
  it('reads rps and latency percentiles by column name', () => {
    const csv = [
      '"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"',
      '"SET","81168.83","0.331","0.080","0.311","0.535","0.767","3.863"',
      '"GET","95238.10","0.285","0.072","0.271","0.447","0.631","1.175"',
    ].join('\n');
    expect(parseRedisBenchmarkCsv(csv)).toEqual([
      { test: 'SET', requestsPerSec: 81168.83, p50Ms: 0.311, p99Ms: 0.767, maxMs: 3.863 },
      { test: 'GET', requestsPerSec: 95238.1, p50Ms: 0.271, p99Ms: 0.631, maxMs: 1.175 },
    ]);
  });

  it('refuses output without the columns it needs', () => {
    expect(() => parseRedisBenchmarkCsv('"test","rps"\n"GET","1"')).toThrow(
      'no "p50_latency_ms" column',
    );
  });
});

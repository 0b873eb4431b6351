/** One line of `redis-benchmark --csv` (Redis 7: rps and latency percentiles in ms). */
export interface RedisBenchmarkRow {
  test: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Parses `redis-benchmark --csv` output; refuses a layout it does not know rather than guess. */
export function parseRedisBenchmarkCsv(csv: string): RedisBenchmarkRow[] {
  const lines = csv
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const [header, ...rows] = lines.map((line) =>
    line.split(',').map((cell) => cell.replace(/^"|"$/g, '')),
  );
  const column = (name: string): number => {
    const index = header?.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`redis-benchmark CSV has no "${name}" column: ${lines[0]}`);
    return index;
  };
  const test = column('test');
  const rps = column('rps');
  const p50 = column('p50_latency_ms');
  const p99 = column('p99_latency_ms');
  const max = column('max_latency_ms');
  return rows.map((cells) => ({
    test: cells[test] ?? '',
    requestsPerSec: Number(cells[rps]),
    p50Ms: Number(cells[p50]),
    p99Ms: Number(cells[p99]),
    maxMs: Number(cells[max]),
  }));
}

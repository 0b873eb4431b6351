import { formatBenchTable } from './format-bench-table';

describe(formatBenchTable.name, () => {
  it('puts each figure beside its reference with the ratio, and says n/a for a missing value', () => {
    const table = formatBenchTable([
      {
        benchmark: 'cache-api',
        figure: 'GET by id',
        value: 12_500,
        unit: 'req/s',
        reference: { name: 'redis-benchmark GET', value: 100_000 },
        target: '≥ 10,000',
      },
      { benchmark: 'delivery', figure: 'HubSpot calls / 1000 changes', value: null, unit: '' },
    ]).split('\n');
    expect(table[0]).toMatch(/^\| benchmark +\| figure +\| measured +\| reference \(same run\)/);
    expect(table[2]).toContain('| 12,500 req/s |');
    expect(table[2]).toContain('redis-benchmark GET: 100,000 req/s');
    expect(table[2]).toContain('| 0.13× |');
    expect(table[2]).toContain('≥ 10,000');
    expect(table[3]).toContain('| n/a ');
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });
});

import type { BenchFigure } from './bench-figure.type';

const number = (value: number | null, unit = ''): string =>
  value === null
    ? 'n/a'
    : `${value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : value < 1000 ? 1 : 0 })}${unit ? ` ${unit}` : ''}`;

/** The figures as a Markdown table (it reads as plain text on a terminal too). */
export function formatBenchTable(figures: readonly BenchFigure[]): string {
  const header = ['benchmark', 'figure', 'measured', 'reference (same run)', 'ratio', 'target'];
  const rows = figures.map((f) => {
    const ratio =
      f.value !== null && f.reference?.value
        ? `${(f.value / f.reference.value).toFixed(f.value / f.reference.value < 10 ? 2 : 1)}×`
        : '';
    return [
      f.benchmark,
      f.figure,
      number(f.value, f.unit),
      f.reference ? `${f.reference.name}: ${number(f.reference.value, f.unit)}` : '',
      ratio,
      f.target ?? '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

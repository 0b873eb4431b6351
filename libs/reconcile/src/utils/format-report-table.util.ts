import { ReconcileReport } from '../types/reconcile-report.type';

/**
 * A run's summary as a plain-text table: one line per tenant/entity(/destination), then the
 * totals and how the run ended.
 */
export function formatReportTable(report: ReconcileReport): string {
  const withDestination = report.kind === 'crm';
  const header = [
    'tenant',
    'entity',
    ...(withDestination ? ['destination'] : []),
    'compared',
    'missing',
    'stale',
    'differing',
    'orphan',
    'repaired',
    'errors',
    'in flight',
    ...(withDestination ? ['inbound'] : []),
    'duration',
  ];
  const counts = (row: ReconcileReport['totals']) =>
    [
      row.compared,
      row.missing,
      row.stale,
      row.differing,
      row.orphan,
      row.repaired,
      row.errors,
      row.inFlight,
      ...(withDestination ? [row.inbound] : []),
    ].map((value) => value.toLocaleString('en-US'));
  const lines = report.rows.map((row) => [
    row.tenant,
    row.entity,
    ...(withDestination ? [row.destinationName ?? row.destination ?? ''] : []),
    ...counts(row),
    formatSeconds(row.durationMs) + (row.note ? `  (${row.note})` : ''),
  ]);
  lines.push([
    'TOTAL',
    '',
    ...(withDestination ? [''] : []),
    ...counts(report.totals),
    formatSeconds(report.durationMs),
  ]);
  const numeric = new Set(
    header.slice(withDestination ? 3 : 2, -1).map((_, i) => i + (withDestination ? 3 : 2)),
  );
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      ...lines.map((line) => (column === header.length - 1 ? 0 : line[column].length)),
    ),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1
          ? cell
          : numeric.has(column)
            ? cell.padStart(widths[column])
            : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const rule = widths
    .map((width, column) => '-'.repeat(column === widths.length - 1 ? 8 : width))
    .join('  ');
  const title =
    `reconcile ${report.kind}${report.dryRun ? ' (dry run: nothing repaired)' : ''}: ` +
    `${report.status}, ${report.totals.compared.toLocaleString('en-US')} rows in ${formatSeconds(report.durationMs)}` +
    ` (${report.rowsPerSecond.toLocaleString('en-US')} rows/s)`;
  const footer = report.failure
    ? [`failed: ${report.failure}`]
    : report.errorCount > 0
      ? [
          `${report.errorCount} error(s): ${report.errors
            .slice(0, 3)
            .map((e) => `${e.where}: ${e.message}`)
            .join('; ')}`,
        ]
      : [];
  return (
    [
      title,
      render(header),
      rule,
      ...lines.slice(0, -1).map(render),
      rule,
      render(lines[lines.length - 1]),
      ...footer,
    ].join('\n') + '\n'
  );
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms / 1000)}s`;
}

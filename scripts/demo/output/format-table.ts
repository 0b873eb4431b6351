/**
 * A plain-text table: a header, a rule, then the rows, each column as wide as its widest cell.
 * Cells longer than `maxCellWidth` are cut with an ellipsis so one long value cannot push the
 * table past the terminal.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  { indent = '', maxCellWidth = 40 } = {},
): string {
  const fit = (cell: string) =>
    cell.length > maxCellWidth ? `${cell.slice(0, maxCellWidth - 1)}…` : cell;
  const cells = [header, ...rows].map((row) => header.map((_, column) => fit(row[column] ?? '')));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const render = (row: readonly string[]) =>
    indent +
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join(' | ')
      .trimEnd();
  const rule = indent + widths.map((width) => '-'.repeat(width)).join('-+-');
  return [render(cells[0]), rule, ...cells.slice(1).map(render)].join('\n');
}

const WIDTH = 30;

/**
 * One line of progress for a terminal:
 * `reconcile cache [=========>            ] 31%  310,000/1,000,000 rows  152,000 rows/s  ETA 5s`.
 */
export function formatProgressBar(
  label: string,
  done: number,
  total: number,
  elapsedMs: number,
): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * WIDTH);
  const bar =
    filled >= WIDTH ? '='.repeat(WIDTH) : `${'='.repeat(filled)}>${' '.repeat(WIDTH - filled - 1)}`;
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  const eta = rate > 0 && total > done ? `  ETA ${Math.ceil((total - done) / rate)}s` : '';
  const number = (value: number) => value.toLocaleString('en-US');
  return (
    `${label} [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ` +
    `${number(done)}/${number(total)} rows  ${number(rate)} rows/s${eta}`
  );
}

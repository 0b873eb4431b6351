import { formatProgressBar } from './format-progress-bar.util';

describe(formatProgressBar.name, () => {
  it('shows the share done, the counts, the rate and the time left', () => {
    expect(formatProgressBar('reconcile cache', 250_000, 1_000_000, 2000)).toBe(
      'reconcile cache [========>                     ]  25%  250,000/1,000,000 rows  125,000 rows/s  ETA 6s',
    );
  });

  it('is full and without ETA at the end, and copes with an empty scope', () => {
    expect(formatProgressBar('x', 10, 10, 1000)).toBe(
      'x [==============================] 100%  10/10 rows  10 rows/s',
    );
    expect(formatProgressBar('x', 0, 0, 0)).toBe(
      'x [>                             ]   0%  0/0 rows  0 rows/s',
    );
  });
});

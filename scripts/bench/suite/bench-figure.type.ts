/** One row of the `npm run bench` table: a figure beside its same-run reference and its target. */
export interface BenchFigure {
  benchmark: string;
  figure: string;
  value: number | null;
  unit: string;
  /** What the figure is compared with, measured in the same run on the same machine. */
  reference?: { name: string; value: number | null };
  /** The target, in words ("≥ 10,000"); never asserted, only shown. */
  target?: string;
}

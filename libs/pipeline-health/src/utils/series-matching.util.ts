import { Gauge, LabelValues } from 'prom-client';

/** The label sets of every series of `gauge` that include `match` (to remove them in one go). */
export async function seriesMatching<L extends string>(
  gauge: Gauge<L>,
  match: Partial<Record<L, string>>,
): Promise<LabelValues<L>[]> {
  const { values } = await gauge.get();
  return values
    .map(({ labels }) => labels)
    .filter((labels) =>
      Object.entries(match).every(([name, value]) => labels[name as L] === value),
    );
}

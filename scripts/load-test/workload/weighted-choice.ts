/** Picks a name by weight with `random()` in [0, 1); weights need not sum to 1. */
export function weightedChoice<K extends string>(
  weights: Readonly<Record<K, number>>,
  random: () => number,
): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let point = random() * total;
  for (const [name, weight] of entries) {
    if (point < weight) return name;
    point -= weight;
  }
  // Floating-point leftovers land on the last name that has any weight.
  return [...entries].reverse().find(([, w]) => w > 0)?.[0] ?? entries[0][0];
}

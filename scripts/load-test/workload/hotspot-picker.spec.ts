import { HotspotPicker } from './hotspot-picker';

function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe(HotspotPicker.name, () => {
  it('sends hotAccess of the picks to the first hotFraction of the keys', () => {
    const picker = new HotspotPicker(0.1, 0.8, lcg(7));
    let hot = 0;
    const draws = 100_000;
    for (let i = 0; i < draws; i++) if (picker.pick(1000) < 100) hot++;
    // 80% aimed at the hot set plus 10% of the uniform 20%.
    expect(hot / draws).toBeCloseTo(0.82, 1);
  });

  it('is uniform without skew and stays within range', () => {
    const picker = new HotspotPicker(0, 0.9, lcg(3));
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const index = picker.pick(10);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(10);
      seen.add(index);
    }
    expect(seen.size).toBe(10);
    expect(new HotspotPicker(0.5, 1, () => 0.9999999).pick(1)).toBe(0);
  });
});

/**
 * Hot-key skew (YCSB's "hotspot"): the first `hotFraction` of the keys are hot and receive
 * `hotAccess` of the picks; the rest go uniformly to all keys. 0.1/0.8 means 10% of the records
 * take ~80% of the updates. hotFraction 0 or 1, or hotAccess 0, is uniform.
 */
export class HotspotPicker {
  constructor(
    private readonly hotFraction: number,
    private readonly hotAccess: number,
    private readonly random: () => number,
  ) {}

  /** An index into `size` keys (size > 0). */
  pick(size: number): number {
    const hot = Math.ceil(size * this.hotFraction);
    const range = hot > 0 && hot < size && this.random() < this.hotAccess ? hot : size;
    return Math.min(range - 1, Math.floor(this.random() * range));
  }
}

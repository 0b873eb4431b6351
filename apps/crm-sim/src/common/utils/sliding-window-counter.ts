/**
 * Counts events in a rolling window of `windowMs` (HubSpot's TEN_SECONDLY_ROLLING and SECONDLY
 * policies). Timestamps sit in an array consumed from `head`, so acquiring is amortised O(1).
 */
export class SlidingWindowCounter {
  private hits: number[] = [];
  private head = 0;

  constructor(readonly windowMs: number) {}

  count(now: number): number {
    this.prune(now);
    return this.hits.length - this.head;
  }

  /** Milliseconds until the oldest counted event leaves the window (0 when empty). */
  msUntilSlot(now: number): number {
    this.prune(now);
    if (this.head >= this.hits.length) return 0;
    return Math.max(0, this.hits[this.head] + this.windowMs - now);
  }

  add(now: number): void {
    this.hits.push(now);
  }

  clear(): void {
    this.hits = [];
    this.head = 0;
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs;
    while (this.head < this.hits.length && this.hits[this.head] <= cutoff) this.head += 1;
    // Compact once the consumed prefix dominates, keeping memory bounded by the window.
    if (this.head > 1024 && this.head * 2 > this.hits.length) {
      this.hits = this.hits.slice(this.head);
      this.head = 0;
    }
  }
}

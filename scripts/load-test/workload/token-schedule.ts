/**
 * Pacing by a token schedule: token k is due at `start + k * 1000 / rate`. A lane issues what is
 * due, so the achieved rate equals the target whenever the system keeps up; when it does not, the
 * backlog (how late the oldest unissued token is) says by how much the generator fell behind.
 */
export class TokenSchedule {
  constructor(
    readonly ratePerSecond: number,
    readonly startMs: number,
  ) {
    if (!(ratePerSecond > 0)) throw new Error('rate must be positive');
  }

  /** Tokens due by `nowMs` that have not been issued yet (0 when ahead). */
  due(nowMs: number, issued: number): number {
    const total = Math.floor(((nowMs - this.startMs) * this.ratePerSecond) / 1000);
    return Math.max(0, total - issued);
  }

  /** When the next token after `issued` tokens becomes due, as a delay from `nowMs` (>= 0). */
  msUntilNext(nowMs: number, issued: number): number {
    return Math.max(0, this.startMs + ((issued + 1) * 1000) / this.ratePerSecond - nowMs);
  }

  /** How late the next unissued token already is (0 when not late). */
  lagMs(nowMs: number, issued: number): number {
    return Math.max(0, nowMs - (this.startMs + ((issued + 1) * 1000) / this.ratePerSecond));
  }
}

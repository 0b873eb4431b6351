/** A call the breaker admitted (with its value), or refused for `waitMs`. */
export type BreakerResult<T> = { admitted: true; value: T } | { admitted: false; waitMs: number };

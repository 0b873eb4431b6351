export const CACHE_DEFAULTS = {
  /** Key namespace; tests use their own so they never touch another run's keys. */
  namespace: 'sl',
  /**
   * How long a delete's tombstone outlives the row. It must exceed the longest time an older event
   * can still arrive (consumer lag, replays); past it the reconciler repairs any resurrection.
   */
  tombstoneTtlMs: 24 * 60 * 60 * 1000,
} as const;

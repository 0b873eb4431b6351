/**
 * `applied`: the cache now holds this version; `duplicate`: it already held exactly this state (a
 * redelivery, so downstream may not have heard of it yet); `stale`: it holds a newer state.
 */
export type WriteOutcome = 'applied' | 'duplicate' | 'stale';

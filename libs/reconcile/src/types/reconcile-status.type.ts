/**
 * `succeeded`: everything in scope was compared (drift or not); `partial`: some batches or scopes
 * were skipped with recorded errors; `failed`: Postgres or Redis could not be reached.
 */
export type ReconcileStatus = 'running' | 'succeeded' | 'partial' | 'failed';

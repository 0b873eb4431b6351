/** Told how far a run got: rows compared so far of the rows in scope (which may still grow). */
export type ProgressListener = (progress: { done: number; total: number }) => void;

/** One record a lane owns: tenant and id, and the marker of its last committed change. */
export interface LiveKey {
  tenant: string;
  id: string;
}

/** What one statement will do. `marker` (written to last_name) orders a record's changes. */
export interface PlannedBatch {
  inserts: (LiveKey & { email: string; marker: number; notes: string })[];
  updates: (LiveKey & { marker: number; notes: string })[];
  deletes: LiveKey[];
}

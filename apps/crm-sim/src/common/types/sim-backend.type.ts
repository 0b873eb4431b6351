/** What the shared admin API needs from a sim: its records, its limits, a way back to the start. */
export interface SimBackend {
  /**
   * All records of one object type, archived/deleted included; undefined for an unknown type.
   * With `updatedSinceMs`, only those written (created, updated, archived) at or after that time.
   */
  listRecords(objectType: string, updatedSinceMs?: number): unknown[] | undefined;
  recordCounts(): Record<string, number>;
  getLimits(): object;
  /** Applies a partial limits object; throws SimAdminException on a bad value. */
  updateLimits(patch: unknown): object;
  /** Back to the options the sim started with: records, schema, usage, faults, call log. */
  reset(): void;
}

/** A two-way record's differing properties: repaired from Postgres, or left to the inbound side. */
export interface TwoWayDriftSplit {
  /** Postgres's value goes out: out fields, and `both` fields the CRM did not change. */
  push: string[];
  /** `both` fields the CRM changed since last known: resolved by the mapping's conflict policy. */
  handOver: string[];
}

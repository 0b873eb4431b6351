/**
 * Where a modified-since scan stands: every record whose (modified time, id) is at or before
 * (`modifiedAt`, `lastId`) has been yielded. Without `lastId` nothing at `modifiedAt` has been
 * yielded yet. Persist it as is and hand it back to resume the scan.
 */
export interface ModifiedCursor {
  /** ISO-8601, as the CRM stamps its records (HubSpot hs_lastmodifieddate, Salesforce SystemModstamp). */
  modifiedAt: string;
  lastId?: string;
}

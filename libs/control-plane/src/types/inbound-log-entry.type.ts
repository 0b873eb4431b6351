/** The latest inbound outcome of one CRM record at one destination. */
export interface InboundLogEntry {
  destinationId: string;
  object: string;
  externalId: string;
  tenant?: string | null;
  entity?: string | null;
  recordId?: string | null;
  /**
   * applied: columns written to the source; created: a row created from a record linked to none
   * (`inbound.createRows`); unchanged: nothing new (an echo, or the source had it);
   * conflict: both sides changed and the policy kept the source's values (a conflict the CRM won
   * is `applied` with its conflicts listed); ignored: no row for it and the mapping creates none;
   * failed: could not be read, mapped or written (the error says why).
   */
  outcome: 'applied' | 'created' | 'unchanged' | 'conflict' | 'ignored' | 'failed';
  conflicts?: { field: string; policy: string; winner: 'postgres' | 'crm' }[];
  error?: string | null;
  remoteModifiedAt?: string | null;
}

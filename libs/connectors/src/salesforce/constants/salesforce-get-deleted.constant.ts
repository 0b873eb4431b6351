/** Get Deleted's rules (sObject Get Deleted / SOAP getDeleted). */
export const SALESFORCE_GET_DELETED = {
  /** Seconds of start/end are ignored: ranges are in whole minutes. */
  granularityMs: 60_000,
  /** start must be more than a minute before end. */
  minRangeMs: 120_000,
  /** One call covers at most this much, so a long catch-up is read in bounded pieces. */
  windowMs: 24 * 60 * 60_000,
} as const;

/** Per-request facts a handler leaves for the call log and the metrics. */
export interface SimResponseLocals {
  /** Records the call carried (inputs, records, ids) or returned (reads, queries). */
  simItems?: number;
  /** Records of the call that failed one by one (207 errors, success:false items). */
  simItemErrors?: number;
  /** Set when the fault gate cut the connection instead of answering. */
  simReset?: boolean;
  /** Set when Salesforce refused the call with REQUEST_LIMIT_EXCEEDED. */
  simLimitExceeded?: boolean;
}

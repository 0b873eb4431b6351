/** How a read-side scan treats a page that fails. */
export interface ScanOptions {
  /**
   * false: a page that fails (CRM down, rate limited) fails the scan at once, for callers that
   * back off on their own (the inbound poller: a scan retrying in place would hold one of its
   * few polls for seconds per unreachable CRM). Default true: retried with the list retry policy.
   */
  retryPages?: boolean;
}

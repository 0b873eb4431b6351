/** The raw response of the current call, recorded by the transport (jsforce errors lack it). */
export interface SalesforceResponseCapture {
  status?: number;
  /** Lower-cased header names. */
  headers?: Record<string, string>;
}

export interface ConfigIssue {
  /** The environment variable at fault, e.g. SYNCLINE_PG_PORT. */
  variable: string;
  message: string;
}

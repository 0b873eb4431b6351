export interface SimStats {
  calls: number;
  byStatus: Record<string, number>;
  /** Responses with HTTP 429. */
  throttled: number;
  /** Salesforce REQUEST_LIMIT_EXCEEDED (403) responses; always 0 for HubSpot. */
  limitExceeded: number;
  connectionResets: number;
  items: number;
  itemErrors: number;
}

/** HubSpot CRM v3 limits the connector plans its calls around. */
export const HUBSPOT_API_LIMITS = {
  /** Inputs per batch upsert/read/archive call. */
  batchSize: 100,
  /** Results per search page (HubSpot's maximum). */
  searchPageSize: 200,
  /** Results per list (getPage) page. */
  listPageSize: 100,
  /** Search requests per second per account, shared by every client of it (HubSpot: 5). */
  searchPerSecond: 5,
  /**
   * HubSpot's rolling burst window. A 429 need not carry Retry-After: a page retry then waits at
   * least this long, so it outlasts the window that refused it.
   */
  burstWindowMs: 10_000,
} as const;

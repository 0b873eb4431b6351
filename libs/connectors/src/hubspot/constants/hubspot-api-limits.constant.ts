/** HubSpot CRM v3 limits the connector plans its calls around. */
export const HUBSPOT_API_LIMITS = {
  /** Inputs per batch upsert/read/archive call. */
  batchSize: 100,
  /** Results per search page (HubSpot's maximum). */
  searchPageSize: 200,
  /** Results per list (getPage) page. */
  listPageSize: 100,
} as const;

/** Request-shape limits HubSpot enforces with 400s. */
export const HUBSPOT_API_LIMITS = Object.freeze({
  batchInputs: 100,
  searchPageSize: 200,
  searchDefaultPageSize: 10,
  /** Search paging stops at 10,000 results (`after` beyond that is a 400). */
  searchMaxResults: 10_000,
  searchFilterGroups: 5,
  searchFiltersPerGroup: 6,
  searchFiltersTotal: 18,
  listPageSize: 100,
  maxStringLength: 65_536,
});

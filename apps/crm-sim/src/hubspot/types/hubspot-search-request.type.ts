import type { HubSpotFilter } from './hubspot-filter.type';
import type { HubSpotSort } from './hubspot-sort.type';

/** PublicObjectSearchRequest, validated. */
export interface HubSpotSearchRequest {
  filterGroups: { filters: HubSpotFilter[] }[];
  sorts: HubSpotSort[];
  query?: string;
  properties?: string[];
  limit: number;
  offset: number;
}

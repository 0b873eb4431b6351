import type { HubSpotFilter } from './hubspot-filter.type';

export interface HubSpotSort {
  propertyName: string;
  direction: 'ASCENDING' | 'DESCENDING';
}

/** PublicObjectSearchRequest, validated. */
export interface HubSpotSearchRequest {
  filterGroups: { filters: HubSpotFilter[] }[];
  sorts: HubSpotSort[];
  query?: string;
  properties?: string[];
  limit: number;
  offset: number;
}

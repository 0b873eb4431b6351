import type { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects';

/** One search request: ANDed filters, ascending by one property. */
export interface HubSpotSearchQuery {
  filters: { propertyName: string; operator: FilterOperatorEnum; value: string }[];
  sortBy: string;
}

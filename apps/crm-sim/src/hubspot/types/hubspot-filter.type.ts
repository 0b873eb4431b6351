import type { HubSpotFilterOperator } from './hubspot-filter-operator.type';

export interface HubSpotFilter {
  propertyName: string;
  operator: HubSpotFilterOperator;
  value?: string;
  highValue?: string;
  values?: string[];
}

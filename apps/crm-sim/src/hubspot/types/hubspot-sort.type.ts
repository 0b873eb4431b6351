export interface HubSpotSort {
  propertyName: string;
  direction: 'ASCENDING' | 'DESCENDING';
}

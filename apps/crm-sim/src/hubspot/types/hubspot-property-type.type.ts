export type HubSpotPropertyType =
  'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';

export type DestinationKind = 'hubspot' | 'salesforce' | 'rest';

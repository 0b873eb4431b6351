/** A destination property's metadata (HubSpot properties API, Salesforce describe). */
export interface PropertyDefinition {
  name: string;
  type:
    | 'string'
    | 'number'
    | 'boolean'
    | 'date'
    | 'datetime'
    | 'enumeration'
    | 'id'
    | 'reference'
    | 'other';
  maxLength?: number;
  options?: string[];
  unique?: boolean;
  required?: boolean;
  readOnly?: boolean;
}

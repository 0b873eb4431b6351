/**
 * A destination property as mapping validation needs it. The same shape as `PropertyDefinition` in
 * `@syncline/connectors`, declared here because connectors import this lib (no import cycle); a
 * `PropertyDefinition[]` from `CrmConnector.describe()` can be passed as it is.
 */
export interface DestinationProperty {
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
  /** For enumerations: the allowed values. Absent or empty = any value. */
  options?: string[];
  unique?: boolean;
  required?: boolean;
  readOnly?: boolean;
}

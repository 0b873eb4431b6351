import type { SalesforceFieldType } from './salesforce-field-type.type';

/** The short form of a field for the built-in schema, sim options and `POST /__sim/sobjects/{SObject}/fields`. */
export interface SalesforceFieldSeed {
  name: string;
  type: SalesforceFieldType;
  label?: string;
  /** Text length (default 255 for text types). */
  length?: number;
  precision?: number;
  scale?: number;
  externalId?: boolean;
  unique?: boolean;
  caseSensitive?: boolean;
  /** Required on create (nillable: false). */
  required?: boolean;
  createable?: boolean;
  updateable?: boolean;
  defaultedOnCreate?: boolean;
  calculated?: boolean;
  nameField?: boolean;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
}

import type { SalesforceFieldType } from './salesforce-field-type.type';

/** A field as the sim knows it; `describe` renders it as Salesforce's DescribeFieldResult. */
export interface SalesforceFieldDefinition {
  name: string;
  label: string;
  type: SalesforceFieldType;
  length: number;
  precision: number;
  scale: number;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  calculated: boolean;
  custom: boolean;
  nameField: boolean;
  idLookup: boolean;
  picklistValues: string[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
}

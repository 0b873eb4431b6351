import type { PropertyDefinition } from '../../types/property-definition.type';

/** The fields of a Salesforce describe field the mapping reads. */
interface SalesforceFieldLike {
  name: string;
  type: string;
  length?: number;
  unique?: boolean;
  nillable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  defaultedOnCreate?: boolean;
  calculated?: boolean;
  autoNumber?: boolean;
  picklistValues?: { value: string; active?: boolean }[] | null;
}

const TYPES: Record<string, PropertyDefinition['type']> = {
  string: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  encryptedstring: 'string',
  picklist: 'enumeration',
  multipicklist: 'enumeration',
  double: 'number',
  currency: 'number',
  percent: 'number',
  int: 'number',
  long: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  id: 'id',
  reference: 'reference',
};

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'encryptedstring']);

/** A Salesforce describe field as a destination-neutral definition. */
export function toSalesforcePropertyDefinition(field: SalesforceFieldLike): PropertyDefinition {
  const type = TYPES[field.type] ?? 'other';
  const definition: PropertyDefinition = { name: field.name, type };
  if (TEXT_TYPES.has(field.type) && field.length) definition.maxLength = field.length;
  if (type === 'enumeration') {
    definition.options = (field.picklistValues ?? [])
      .filter((value) => value.active !== false)
      .map((value) => value.value);
  }
  if (field.unique) definition.unique = true;
  // Required = must be given on create: not nillable, createable, and no default to fall back on.
  if (
    field.nillable === false &&
    field.createable &&
    !field.defaultedOnCreate &&
    type !== 'boolean'
  ) {
    definition.required = true;
  }
  if (field.calculated || field.autoNumber || (!field.createable && !field.updateable)) {
    definition.readOnly = true;
  }
  return definition;
}

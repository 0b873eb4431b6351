import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceFieldSeed } from '../types/salesforce-field-seed.type';

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist']);

/** Fills in a full field definition from its short form. */
export function toFieldDefinition(seed: SalesforceFieldSeed): SalesforceFieldDefinition {
  const custom = seed.name.endsWith('__c');
  const textual = TEXT_TYPES.has(seed.type);
  const externalId = seed.externalId ?? false;
  return {
    name: seed.name,
    label: seed.label ?? seed.name.replace(/__c$/, '').replace(/_/g, ' '),
    type: seed.type,
    length:
      seed.length ?? (textual ? 255 : seed.type === 'id' || seed.type === 'reference' ? 18 : 0),
    precision: seed.precision ?? (seed.type === 'double' || seed.type === 'currency' ? 18 : 0),
    scale: seed.scale ?? (seed.type === 'currency' ? 2 : 0),
    externalId,
    unique: seed.unique ?? false,
    caseSensitive: seed.caseSensitive ?? false,
    nillable: seed.type === 'boolean' ? false : !(seed.required ?? false) && seed.type !== 'id',
    createable: seed.createable ?? true,
    updateable: seed.updateable ?? true,
    defaultedOnCreate: seed.defaultedOnCreate ?? seed.type === 'boolean',
    calculated: seed.calculated ?? false,
    custom,
    nameField: seed.nameField ?? false,
    idLookup:
      seed.type === 'id' || externalId || seed.type === 'email' || (seed.nameField ?? false),
    picklistValues: seed.picklistValues ?? [],
    restrictedPicklist: seed.restrictedPicklist ?? false,
    referenceTo: seed.referenceTo ?? [],
    relationshipName: seed.relationshipName ?? null,
  };
}

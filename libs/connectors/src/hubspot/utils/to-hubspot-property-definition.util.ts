import type { PropertyDefinition } from '../../types/property-definition.type';

/** The fields of a HubSpot property (properties API) the mapping reads. */
interface HubSpotPropertyLike {
  name: string;
  type: string;
  options?: { value: string; hidden?: boolean }[];
  hasUniqueValue?: boolean;
  calculated?: boolean;
  modificationMetadata?: { readOnlyValue?: boolean };
}

const TYPES: Record<string, PropertyDefinition['type']> = {
  string: 'string',
  phone_number: 'string',
  number: 'number',
  bool: 'boolean',
  date: 'date',
  datetime: 'datetime',
  enumeration: 'enumeration',
};

/** A HubSpot property as a destination-neutral definition. */
export function toHubSpotPropertyDefinition(property: HubSpotPropertyLike): PropertyDefinition {
  const type = TYPES[property.type] ?? 'other';
  const definition: PropertyDefinition = { name: property.name, type };
  if (type === 'enumeration') {
    definition.options = (property.options ?? [])
      .filter((option) => !option.hidden)
      .map((option) => option.value);
  }
  if (property.hasUniqueValue) definition.unique = true;
  if (property.modificationMetadata?.readOnlyValue || property.calculated) {
    definition.readOnly = true;
  }
  return definition;
}

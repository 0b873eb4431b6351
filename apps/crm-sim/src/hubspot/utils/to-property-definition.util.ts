import type { HubSpotPropertyDefinition } from '../types/hubspot-property-definition.type';
import type { HubSpotPropertySeed } from '../types/hubspot-property-seed.type';

const DEFAULT_FIELD_TYPE: Record<HubSpotPropertySeed['type'], string> = {
  string: 'text',
  number: 'number',
  date: 'date',
  datetime: 'date',
  enumeration: 'select',
  bool: 'booleancheckbox',
};

/** Fills in a full property definition from its short form. */
export function toPropertyDefinition(
  seed: HubSpotPropertySeed,
  hubspotDefined: boolean,
  now: string,
): HubSpotPropertyDefinition {
  const readOnlyValue = seed.readOnlyValue ?? false;
  return {
    name: seed.name,
    label: seed.label ?? seed.name,
    type: seed.type,
    fieldType: seed.fieldType ?? DEFAULT_FIELD_TYPE[seed.type],
    groupName: seed.groupName ?? 'syncline',
    description: '',
    options: (seed.options ?? []).map((value, displayOrder) => ({
      label: value,
      value,
      displayOrder,
      hidden: false,
    })),
    displayOrder: -1,
    hasUniqueValue: seed.hasUniqueValue ?? false,
    hidden: false,
    formField: !readOnlyValue,
    calculated: false,
    externalOptions: false,
    hubspotDefined,
    modificationMetadata: {
      archivable: !hubspotDefined,
      readOnlyDefinition: hubspotDefined,
      readOnlyValue,
    },
    createdAt: now,
    updatedAt: now,
    archived: false,
  };
}

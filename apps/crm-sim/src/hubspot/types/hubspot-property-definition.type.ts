import type { HubSpotPropertyOption } from './hubspot-property-option.type';
import type { HubSpotPropertyType } from './hubspot-property-type.type';

/** A property as `GET /crm/v3/properties/{objectType}` returns it. */
export interface HubSpotPropertyDefinition {
  name: string;
  label: string;
  type: HubSpotPropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: HubSpotPropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hubspotDefined: boolean;
  modificationMetadata: {
    archivable: boolean;
    readOnlyDefinition: boolean;
    readOnlyValue: boolean;
  };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

import type { HubSpotPropertyType } from './hubspot-property-type.type';

/** The short form of a property for defaults and sim options; the rest is filled in. */
export interface HubSpotPropertySeed {
  name: string;
  label?: string;
  type: HubSpotPropertyType;
  fieldType?: string;
  groupName?: string;
  options?: string[];
  hasUniqueValue?: boolean;
  readOnlyValue?: boolean;
}

import type { HubSpotPropertyError } from './hubspot-property-error.type';

export type HubSpotValueCheck =
  { ok: true; value: string | null } | { ok: false; error: HubSpotPropertyError };
